// CallTree through a RequestFlow: sequences, parallel groups, repeats, probabilities, async
// hand-offs and empty groups, timed on one request.

import { describe, expect, it } from "vitest";
import { latencyOfOneRequest, constant } from "./_one-request.js";

describe("CallTree", () => {
  it("a callee's calls run in sequence after its own work", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
      { name: "c", serviceTime: constant(4) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ call: "b" }, { call: "c" }]);
    expect(latencies).toEqual([7]);
  });

  it("a parallel group takes as long as its slowest branch", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
      { name: "c", serviceTime: constant(4) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ parallel: [{ call: "b" }, { call: "c" }] }], 0.5);
    // a: 1 to connect + 0.5 in + 1 work; branches b (1 connect + 1 + 2) and c (1 connect + 1 + 4)
    // overlap, so the slower one counts; 0.5 back.
    expect(latencies).toEqual([1 + 0.5 + 1 + (1 + 1 + 4) + 0.5]);
  });

  it("repeat runs a call that many times in sequence", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ call: "b", repeat: 3 }]);
    expect(latencies).toEqual([7]);
  });

  it("repeat on a sequence repeats the whole block", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
      { name: "c", serviceTime: constant(3) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ sequence: [{ call: "b" }, { call: "c" }], repeat: 2 }]);
    expect(latencies).toEqual([11]);
  });

  it("a call with probability 0 never happens and one with probability 1 always does", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
    ];
    expect(latencyOfOneRequest(services, [{ call: "b", probability: 0 }]).latencies).toEqual([1]);
    expect(latencyOfOneRequest(services, [{ call: "b", probability: 1 }]).latencies).toEqual([3]);
  });

  it("a fractional repeat runs the extra call with the fractional part's probability", () => {
    const services = [
      { name: "a", serviceTime: constant(0) },
      { name: "b", serviceTime: constant(1), concurrency: 100_000 },
    ];
    const { flow } = latencyOfOneRequest(services, [{ call: "b", repeat: 1.25 }], 0, 40_000);
    const visits = flow.network.stations[1].stats().visits;
    // Binomial(40000, 0.25) extra visits: sd ~ 87, so 6 sd is ~520.
    expect(Math.abs(visits - 50_000)).toBeLessThan(520);
  });

  it("an async hand-off does not delay the caller but its work still happens", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "queue", serviceTime: constant(0.5) },
      { name: "worker", serviceTime: constant(100) },
    ];
    const { latencies, flow, sim } = latencyOfOneRequest(services, [{ call: "queue", calls: [{ call: "worker", async: true }] }]);
    expect(latencies).toEqual([1.5]);
    expect(flow.network.stations[2].stats().visits).toBe(1);
    expect(sim.now).toBe(101.5);
    expect(flow.inFlight).toBe(0);
  });

  it("a holdWorker service keeps its worker until its own calls return", () => {
    const services = [
      { name: "a", serviceTime: constant(1), holdWorker: true, concurrency: 1 },
      { name: "b", serviceTime: constant(5), concurrency: 10 },
    ];
    // Two requests at once: the second waits for the first's whole call to b (1 + 5).
    expect(latencyOfOneRequest(services, [{ call: "b" }], 0, 2).latencies).toEqual([6, 12]);
    const nonHolding = services.map((s) => ({ ...s, holdWorker: false }));
    // Without holding, a is free after 1 ms of work: the second request finishes at 2 + 5.
    expect(latencyOfOneRequest(nonHolding, [{ call: "b" }], 0, 2).latencies).toEqual([6, 7]);
  });

  it("empty groups complete at once, even nested and repeated", () => {
    const services = [{ name: "a", serviceTime: constant(1) }];
    const calls = [{ sequence: [{ parallel: [] }, { sequence: [] }], repeat: 3 }, { parallel: [{ sequence: [] }] }];
    const { latencies, flow } = latencyOfOneRequest(services, calls);
    expect(latencies).toEqual([1]);
    expect(flow.inFlight).toBe(0);
  });

});
