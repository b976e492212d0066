import { describe, expect, it } from "vitest";
import { OverloadError } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunPlan } from "../../../src/runner/index.js";

/** One app of 64 workers behind Istio's sidecars, optionally on a declared machine. */
function onePlan(ratePerSec: number, cluster: Record<string, unknown> = { nodes: 1 }): RunPlan {
  const scenario = parseScenario("one.yaml", {
    name: "one",
    cluster,
    services: [{ name: "a", serviceTime: { type: "exponential", meanMs: 1 }, concurrency: 64, cpuShare: 0 }],
    requestTypes: [{ name: "get", entry: "a" }],
    load: { type: "open", ratePerSec },
  }, "");
  return { scenario, meshes: ["istio"], mtls: "off", rates: [ratePerSec], durationS: 4, warmupS: 1, replications: 1, seed: 3 };
}

async function failureOf(plan: RunPlan): Promise<unknown> {
  return runScenario(plan, { workers: 1 }).then(
    () => undefined,
    (error: unknown) => (error as Error).cause ?? error,
  );
}

describe("proxy load", () => {
  it("the offered load on a sidecar matches its simulated utilisation when calls reuse connections", async () => {
    const document = await runScenario(onePlan(6000), { workers: 1 });
    const sidecar = document.runs[0].hops.find((hop) => hop.station === "sidecar/a")!;
    // Istio: 0.2 ms of CPU per request, half per pass, two passes per call, two workers.
    const offered = (6000 * 2 * 0.1) / 1000 / 2;
    expect(sidecar.utilization).toBeGreaterThan(offered * 0.97);
    expect(sidecar.utilization).toBeLessThan(offered * 1.03);
  });

  it("refuses, before simulating, a run whose sidecar's workers can never keep up, naming it", async () => {
    const error = await failureOf(onePlan(12000));
    expect(error).toBeInstanceOf(OverloadError);
    expect((error as OverloadError).station).toBe("sidecar:a#1");
    expect((error as Error).message).toBe(
      "one.yaml: overloaded at 12000 requests/s: proxy sidecar:a#1 (sidecar/a) would be at least 120% busy (its workers' CPU per pass alone; " +
        "queues grow without bound); lower the rate, or add replicas, or raise the proxy's workers (dataPlane.proxy.workers)",
    );
    expect(await failureOf(onePlan(9000))).toBeUndefined();
  });

  it("refuses a run whose sidecar would need more than its CPU limit, when nodes have cores", async () => {
    const cluster = { nodes: 1, vcpuPerNode: 16, memoryGbPerNode: 64 };
    const limited = onePlan(3000, cluster);
    limited.scenario = { ...limited.scenario, mesh: { ...limited.scenario.mesh, overrides: { istio: { dataPlane: { proxy: { resources: { cpuLimit: "500m" } } } } } } };
    const error = await failureOf(limited);
    expect(error).toBeInstanceOf(OverloadError);
    expect((error as Error).message).toMatch(/^one\.yaml: overloaded at 3000 requests\/s: proxy sidecar:a#1 \(sidecar\/a\) would need at least 1\d\d% of its CPU limit/);
  });
});
