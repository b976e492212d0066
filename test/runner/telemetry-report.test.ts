import { describe, expect, it } from "vitest";
import { callEdges } from "../../src/mesh/index.js";
import { runScenario, type RunPlan } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";
import type { Scenario } from "../../src/scenario/index.js";

const BOOKINFO = loadScenario("bookinfo");

function plan(meshes: string[], telemetry: Scenario["mesh"]["telemetry"], pricing?: Scenario["pricing"]): RunPlan {
  const scenario: Scenario = { ...BOOKINFO, ...(pricing ? { pricing } : {}), mesh: { ...BOOKINFO.mesh, ...(telemetry !== undefined ? { telemetry } : {}) } };
  return { scenario, meshes, mtls: undefined, rates: [200], durationS: 2, warmupS: 0.5, replications: 1, seed: 5 };
}

async function runsOf(runPlan: RunPlan) {
  return (await runScenario(runPlan, { workers: 1 })).runs;
}

describe("runs[].telemetry", () => {
  it("is absent, and the run unchanged, when the scenario does not set mesh.telemetry", async () => {
    const [run] = await runsOf(plan(["istio"], undefined));
    expect(run.telemetry).toBeUndefined();
    const [withDefaults] = await runsOf(plan(["istio"], {}));
    // Asking for the defaults only adds the report: the simulation is the same.
    expect({ ...withDefaults, telemetry: undefined }).toEqual({ ...run, telemetry: undefined });
    expect(withDefaults.telemetry?.settings).toEqual({ metrics: true, accessLogs: false, tracing: { sampling: 0.01 } });
    expect(withDefaults.telemetry?.proxies.cpuMsPerRequestDelta).toBe(0);
  });

  it("tracing at sampling 0 on linkerd2 (its default) costs nothing: same data plane, no spans, no trace storage", async () => {
    const [base] = await runsOf(plan(["linkerd2"], undefined));
    const [run] = await runsOf(plan(["linkerd2"], { tracing: { sampling: 0 } }));
    expect(run.resources).toEqual(base.resources);
    expect(run.latencyMs).toEqual(base.latencyMs);
    expect(run.telemetry!.tracing).toEqual({ spansPerSec: 0, collectorVcpu: 0, storageGbPerDay: 0 });
  });

  it("access logs on istio add the log's CPU to the sidecars: more data-plane vCPU and a log volume", async () => {
    const [base] = await runsOf(plan(["istio"], {}));
    const [logged] = await runsOf(plan(["istio"], { accessLogs: true }));
    expect(logged.resources.dataPlane.vcpu).toBeGreaterThan(base.resources.dataPlane.vcpu);
    expect(logged.telemetry!.accessLogs.linesPerSec).toBeGreaterThan(0);
    expect(logged.telemetry!.accessLogs.gbPerDay).toBeGreaterThan(0);
    expect(base.telemetry!.accessLogs).toEqual({ linesPerSec: 0, gbPerDay: 0 });
  });

  it("metrics off on istio takes the series and their memory away from the proxies", async () => {
    const [base] = await runsOf(plan(["istio"], {}));
    const [off] = await runsOf(plan(["istio"], { metrics: false }));
    expect(off.telemetry!.prometheus.series).toBe(0);
    const statsMb = base.telemetry!.proxies.statsMemoryMb;
    expect(statsMb).toBeGreaterThan(0);
    expect(off.resources.dataPlane.memoryMb).toBeCloseTo(base.resources.dataPlane.memoryMb - statsMb, 3);
  });

  it("draws the service graph from the call trees: rates at the run's load, mTLS between meshed pods", async () => {
    const [run] = await runsOf(plan(["linkerd2"], {}));
    const edges = run.telemetry!.graph.edges;
    const entry = edges.find((edge) => edge.from === "load-generator")!;
    expect(entry).toEqual({ from: "load-generator", to: "productpage", requestsPerSec: 200, encrypted: true, failing: false });
    // Bookinfo's reviews v2 and v3 call ratings, about 2 requests in 3: the call trees' expectation at 200 rps.
    const ratings = callEdges(BOOKINFO.topology).find((edge) => edge.to === "ratings")!;
    expect(ratings.callsPerRequest).toBeCloseTo(2 / 3, 3);
    expect(edges.find((edge) => edge.to === "ratings")!.requestsPerSec).toBeCloseTo(200 * ratings.callsPerRequest, 4);
    expect(run.telemetry!.graph.unmeshed).toEqual([]);
  });

  it("prices the monitoring stack with the scenario's pricing, and warns for a mesh whose profile has no telemetry", async () => {
    const runs = await runsOf(plan(["istio", "kuma", "none"], { tracing: { sampling: 1 } }, { vcpuHour: 0.05, gbHour: 0.01, currency: "EUR" }));
    const [istio, kuma, none] = runs;
    const stack = istio.telemetry!.monitoring;
    expect(stack.monthlyCost?.currency).toBe("EUR");
    expect(stack.monthlyCost!.total).toBeCloseTo((stack.vcpu * 0.05 + (stack.memoryMb / 1024) * 0.01) * 730, 1);
    if (kuma.telemetry === undefined) expect(kuma.warnings.some((warning) => warning.startsWith("telemetry: kuma's profile has no telemetry block"))).toBe(true);
    expect(none.telemetry).toBeUndefined();
  });
});
