import { describe, expect, it } from "vitest";
import { CallRecorder } from "../../../src/runner/replication/call-recorder.js";

describe("CallRecorder", () => {
  it("counts attempts sent inside the window per callee and per edge, failed ones apart, and their latencies", () => {
    const recorder = new CallRecorder(3, 100, 200);
    recorder.returned(-1, 0, 150, 160, false); // load generator -> 0
    recorder.returned(0, 2, 151, 153, false);
    recorder.returned(0, 2, 152, 156, true);
    recorder.returned(1, 2, 199, 205, false); // sent inside, back after the window: counted
    recorder.returned(0, 2, 99, 103, false); // sent before the window
    recorder.returned(0, 2, 200, 201, false); // sent at the window's end
    const totals = recorder.totals();
    expect(totals.services.map((service) => [service.completed, service.failed, service.latency.count])).toEqual([
      [1, 0, 1],
      [0, 0, 0],
      [2, 1, 3],
    ]);
    expect(totals.services[2].latency.max).toBe(6);
    // Edges in (caller, callee) order, the load generator (-1) first; unused edges are absent.
    expect(totals.edges.map((edge) => [edge.from, edge.to, edge.completed, edge.failed])).toEqual([
      [-1, 0, 1, 0],
      [0, 2, 1, 1],
      [1, 2, 1, 0],
    ]);
    expect(totals.edges[1].latency.min).toBe(2);
    expect(totals.edges[1].latency.max).toBe(4);
  });

  it("ignores a call to no service (a gateway's own hop)", () => {
    const recorder = new CallRecorder(1, 0, 10);
    recorder.returned(-1, -1, 1, 2, false);
    expect(recorder.totals()).toEqual({ services: [{ completed: 0, failed: 0, latency: recorder.totals().services[0].latency }], edges: [] });
    expect(recorder.totals().services[0].latency.count).toBe(0);
  });

  it("lists edges in (caller, callee) order whatever order they were first used in, among thousands of services", () => {
    // 3,000 services: 9 x 10^6 possible edges, of which the recorder keeps the four used.
    const recorder = new CallRecorder(3000, 0, 10);
    for (const [from, to] of [[2999, 0], [-1, 2999], [5, 7], [5, 3]]) recorder.returned(from, to, 1, 2, false);
    recorder.returned(5, 7, 1, 3, true);
    const totals = recorder.totals();
    expect(totals.edges.map((edge) => [edge.from, edge.to, edge.completed, edge.failed])).toEqual([
      [-1, 2999, 1, 0],
      [5, 3, 1, 0],
      [5, 7, 1, 1],
      [2999, 0, 1, 0],
    ]);
    expect(totals.services).toHaveLength(3000);
    expect(totals.services[7]).toMatchObject({ completed: 1, failed: 1 });
    expect(totals.services[1]).toMatchObject({ completed: 0, failed: 0, latency: { count: 0, counts: [] } });
  });
});
