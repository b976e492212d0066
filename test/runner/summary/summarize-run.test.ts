import { describe, expect, it } from "vitest";
import { monthlyCost, runScenario, summarizeRun, type ReplicationResult } from "../../../src/runner/index.js";
import { mergeHistograms } from "../../../src/runner/summary/summarize-run.js";
import { LatencyHistogram } from "../../../src/stats/index.js";
import { loadScenario } from "../../../src/import/index.js";

describe("monthlyCost", () => {
  it("prices vCPU and memory per hour over a 730-hour month", () => {
    const cost = monthlyCost(
      { dataPlane: { vcpu: 0.5, memoryMb: 1024, proxies: 4 }, controlPlane: { vcpu: 1, memoryMb: 2048 } },
      { vcpuHour: 0.04, gbHour: 0.005, currency: "EUR" },
    );
    expect(cost).toEqual({
      dataPlane: Math.round((0.5 * 0.04 + 1 * 0.005) * 730 * 100) / 100,
      controlPlane: Math.round((1 * 0.04 + 2 * 0.005) * 730 * 100) / 100,
      total: Math.round((0.5 * 0.04 + 0.005 + 0.04 + 0.01) * 730 * 100) / 100,
      currency: "EUR",
    });
  });

  it("appears in a run's resources when the scenario gives prices", async () => {
    const scenario = { ...loadScenario("fortio"), pricing: { vcpuHour: 0.04, gbHour: 0.005, currency: "USD" } };
    const document = await runScenario(
      { scenario, meshes: ["none", "istio"], rates: [1000], durationS: 1, warmupS: 0, replications: 1, seed: 1 },
      { workers: 1 },
    );
    expect(document.runs[0].resources.monthlyCost?.total).toBe(0);
    expect(document.runs[1].resources.monthlyCost?.total).toBeGreaterThan(0);
  });
});

describe("summarizeRun", () => {
  const replication = (latencyMs: number, completed: number, failed: number): ReplicationResult => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < completed; i++) histogram.record(latencyMs);
    return {
      task: { meshId: "none", loadPointKey: "1", replication: 0 },
      requests: { completed, failed, failedByReason: failed > 0 ? { timeout: failed } : {} },
      latency: histogram.toJSON(),
      byRequestType: [],
      hops: [{ station: "app/db", visits: 3 * (completed + failed), waitMs: 0, serviceMs: 0, workerMs: 0, busyWorkerMs: 0, capacityWorkerMs: 1000 }],
      connections: { opened: 0, resumed: 0, closedIdle: 0, handshakes: 0 },
      staticResources: {
        proxies: 0,
        dataPlaneMemoryMb: 0,
        controlPlane: { baseVcpu: 0, vcpuPer1000Rps: 0, memoryMb: 0 },
      } as unknown as ReplicationResult["staticResources"],
      windowMs: 1000,
      eventsProcessed: 0,
      simulatedMs: 1000,
      peakInFlight: 0,
    };
  };
  const identity = { mesh: "none", mtls: "off", rps: 1, durationS: 1 };

  it("counts visits per request sent, failed ones included", () => {
    const run = summarizeRun(identity, [replication(1, 10, 20)]);
    expect(run.hops[0].visitsPerRequest).toBe(3);
  });

  it("keeps each replication's own p50 and p99, in replication order, rounded as the merged ones", () => {
    const own = (latencyMs: number, p: number) => {
      const histogram = new LatencyHistogram();
      histogram.record(latencyMs);
      return Math.round(histogram.valueAtPercentile(p) * 1e4) / 1e4;
    };
    const run = summarizeRun(identity, [replication(7, 100, 0), replication(3, 100, 0), replication(5, 50, 0)]);
    expect(run.latencyMs.replications).toEqual({ p50: [own(7, 50), own(3, 50), own(5, 50)], p99: [own(7, 99), own(3, 99), own(5, 99)] });
    expect(run.latencyMs.replications!.p99[0]).toBeCloseTo(7, 2);
  });

  it("keeps no replications' percentiles with one replication, or when one completed nothing (none to pair)", () => {
    expect(summarizeRun(identity, [replication(7, 100, 0)]).latencyMs).not.toHaveProperty("replications");
    expect(summarizeRun(identity, [replication(7, 100, 0), replication(3, 0, 100)]).latencyMs).not.toHaveProperty("replications");
  });

  it("never gives a latency interval below 0", () => {
    const run = summarizeRun(identity, [replication(1, 100, 0), replication(1000, 100, 0)]);
    expect(run.latencyMs.ci95!.p50![0]).toBe(0);
    expect(run.latencyMs.ci95!.p50![1]).toBeGreaterThan(1000);
  });
});

describe("mergeHistograms", () => {
  it("merges into a given histogram emptied first, as into a new one", () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) a.record(i * 0.37);
    for (let i = 1; i <= 50; i++) b.record(i * 5.1);
    const reused = new LatencyHistogram();
    reused.record(1e6);
    const fresh = mergeHistograms([a.toJSON(), b.toJSON()]);
    expect(mergeHistograms([a.toJSON(), b.toJSON()], reused)).toBe(reused);
    expect(JSON.stringify(reused)).toBe(JSON.stringify(fresh));
    mergeHistograms([b.toJSON()], reused);
    expect(JSON.stringify(reused)).toBe(JSON.stringify(b));
  });
});
