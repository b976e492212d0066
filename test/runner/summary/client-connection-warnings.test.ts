import { describe, expect, it } from "vitest";
import { runScenario, TaskFailedError, type RunPlan } from "../../../src/runner/index.js";
import { clientConnectionWarnings } from "../../../src/runner/summary/client-connection-warnings.js";
import type { ReplicationResult } from "../../../src/runner/replication/replication-task.js";
import { loadScenario } from "../../../src/import/index.js";

const withWaits = (waits: ReplicationResult["clientConnections"]) => ({ clientConnections: waits }) as ReplicationResult;

describe("clientConnectionWarnings", () => {
  it("warns when waiting for a connection takes at least 5% of the mean latency, with the share that waited and the mean wait", () => {
    // 200 of 1000 requests waited 2.5 ms each: 0.5 ms per request, 10% of a 5 ms mean.
    const waits = [withWaits({ connections: 4, granted: 600, waited: 120, waitMs: 300 }), withWaits({ connections: 4, granted: 400, waited: 80, waitMs: 200 })];
    const [warning] = clientConnectionWarnings(waits, 5);
    expect(warning).toMatch(/^20% of requests found all 4 of the load generator's connections busy and waited 0\.50 ms on average for one \(10% of the mean latency/);
    expect(warning).toContain("raise load.connections or lower the rate");
  });

  it("stays quiet below that share, when nothing waited, and without fixed connections", () => {
    expect(clientConnectionWarnings([withWaits({ connections: 4, granted: 1000, waited: 10, waitMs: 200 })], 5)).toEqual([]);
    expect(clientConnectionWarnings([withWaits({ connections: 4, granted: 1000, waited: 0, waitMs: 0 })], 5)).toEqual([]);
    expect(clientConnectionWarnings([{} as ReplicationResult], 5)).toEqual([]);
  });
});

describe("an open loop held back by its connections", () => {
  // fortio's one server answers in well under a millisecond: one connection carries a few thousand requests/s.
  const oneConnection = (durationS: number): RunPlan => {
    const scenario = loadScenario("fortio");
    return { scenario: { ...scenario, load: { ...scenario.load, connections: 1 } }, meshes: ["none"], mtls: "off", rates: [8000], durationS, warmupS: 0, replications: 1, seed: 3 };
  };

  it("says so in the run's warnings when a short run ends before the queue grows too long", async () => {
    const document = await runScenario(oneConnection(1), { workers: 1 });
    expect(document.runs[0].warnings.some((warning) => warning.includes("of the load generator's connections busy"))).toBe(true);
  });

  it("is named as an overload instead of queueing without end", async () => {
    const error = await runScenario(oneConnection(600), { workers: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).overloaded).toBe(true);
    expect((error as Error).message).toMatch(/more than 200000 requests waiting for the load generator's 1 connections at t=\d+\.\d s/);
  });
});
