import { describe, expect, it } from "vitest";
import { callEdges } from "../../../src/mesh/index.js";
import { runScenario, type RunPlan } from "../../../src/runner/index.js";
import { loadScenario } from "../../../src/import/index.js";
import type { Scenario } from "../../../src/scenario/index.js";

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
    expect(entry).toEqual({ from: "load-generator", to: "productpage", requestsPerSec: 200, encrypted: true, failing: false, p99Ms: expect.any(Number) });
    expect(entry.p99Ms).toBeGreaterThan(0);
    // Bookinfo's reviews v2 and v3 call ratings, about 2 requests in 3: the call trees' expectation at 200 rps.
    const ratings = callEdges(BOOKINFO.topology).find((edge) => edge.to === "ratings")!;
    expect(ratings.callsPerRequest).toBeCloseTo(2 / 3, 3);
    expect(edges.find((edge) => edge.to === "ratings")!.requestsPerSec).toBeCloseTo(200 * ratings.callsPerRequest, 4);
    expect(run.telemetry!.graph.unmeshed).toEqual([]);
  });

  it("prices the monitoring stack with the scenario's pricing; no report for the baseline", async () => {
    const runs = await runsOf(plan(["istio", "none"], { tracing: { sampling: 1 } }, { vcpuHour: 0.05, gbHour: 0.01, currency: "EUR" }));
    const [istio, none] = runs;
    const stack = istio.telemetry!.monitoring;
    expect(stack.monthlyCost?.currency).toBe("EUR");
    expect(stack.monthlyCost!.total).toBeCloseTo((stack.vcpu * 0.05 + (stack.memoryMb / 1024) * 0.01) * 730, 1);
    expect(none.telemetry).toBeUndefined();
  });

  it("every mesh models its telemetry: each run reports its mesh's defaults and no warning says it has none", async () => {
    const meshes = ["istio", "istio-ambient", "linkerd2", "consul", "kuma", "osm", "cilium", "traefik-mesh", "linkerd1"];
    const runs = await runsOf({ ...plan(meshes, {}), durationS: 0.5, warmupS: 0.1 });
    for (const run of runs) {
      expect(run.telemetry, run.mesh).toBeDefined();
      expect(run.telemetry!.proxies.cpuMsPerRequestDelta, run.mesh).toBe(0);
      expect(run.warnings.filter((warning) => warning.startsWith("telemetry:")), run.mesh).toEqual([]);
    }
    const byMesh = new Map(runs.map((run) => [run.mesh, run.telemetry!]));
    // Sourced defaults: Traefik Mesh's chart deploys Jaeger with Traefik's const sampler at 1.0; OSM logs every request.
    expect(byMesh.get("traefik-mesh")!.settings.tracing.sampling).toBe(1);
    expect(byMesh.get("osm")!.settings.accessLogs).toBe(true);
    expect(byMesh.get("consul")!.settings).toEqual({ metrics: false, accessLogs: false, tracing: { sampling: 0 } });
    expect(byMesh.get("consul")!.prometheus.series).toBe(0);
  });

  it("metrics on an Envoy mesh (consul) add series and scrapes but no proxy CPU or memory: Envoy keeps its stats anyway", async () => {
    const [base] = await runsOf(plan(["consul"], {}));
    const [scraped] = await runsOf(plan(["consul"], { metrics: true }));
    expect(scraped.telemetry!.prometheus.series).toBeGreaterThan(0);
    expect(scraped.telemetry!.proxies.collectorBytesPerSec).toBeGreaterThan(base.telemetry!.proxies.collectorBytesPerSec);
    expect(scraped.resources).toEqual(base.resources);
    expect(scraped.latencyMs).toEqual(base.latencyMs);
  });

  it("refuses tracing on cilium, which makes no spans, in one error naming the mesh and the field", async () => {
    await expect(runsOf(plan(["cilium"], { tracing: { sampling: 0.1 } }))).rejects.toThrow(/mesh cilium cannot express mesh\.telemetry\.tracing\.sampling: 0\.1: its node Envoy and Hubble export flows/);
    const [run] = await runsOf(plan(["cilium"], { tracing: { sampling: 0 }, accessLogs: true }));
    expect(run.telemetry!.tracing.spansPerSec).toBe(0);
  });
});
