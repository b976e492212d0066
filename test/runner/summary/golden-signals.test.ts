import { describe, expect, it } from "vitest";
import { runScenario, type RunPlan } from "../../../src/runner/index.js";
import { loadScenario } from "../../../src/import/index.js";
import type { Scenario } from "../../../src/scenario/index.js";

const BOOKINFO = loadScenario("bookinfo");

function plan(scenario: Scenario, overrides: Partial<RunPlan> = {}): RunPlan {
  return { scenario, meshes: ["linkerd2"], mtls: undefined, rates: [200], durationS: 3, warmupS: 0.5, replications: 2, seed: 9, ...overrides };
}

const withTelemetry = (scenario: Scenario): Scenario => ({ ...scenario, mesh: { ...scenario.mesh, telemetry: {} } });

describe("golden signals in runs[].telemetry", () => {
  it("the entry service's signals are the run's own: its rate is the requests', its latency the requests' (sent at once, open loop)", async () => {
    const [run] = (await runScenario(plan(withTelemetry(BOOKINFO)), { workers: 1 })).runs;
    const services = run.telemetry!.services;
    expect(services.map((service) => service.service)).toEqual(["productpage", "details", "reviews", "ratings"]);
    const entry = services[0];
    expect(entry.requestsPerSec).toBeCloseTo(run.throughputPerSec, 0);
    expect(entry.successRate).toBe(1);
    // Both histograms hold the same requests; only the start differs when one waits for a connection (none here).
    expect(entry.latencyMs.p50).toBeCloseTo(run.latencyMs.p50, 1);
    expect(entry.latencyMs.p99).toBeCloseTo(run.latencyMs.p99, 1);
    expect(entry.latencyMs.p50).toBeLessThanOrEqual(entry.latencyMs.p95);
    expect(entry.latencyMs.p95).toBeLessThanOrEqual(entry.latencyMs.p99);
    // Bookinfo's reviews v2 and v3 (2 of 3 replicas) call ratings.
    const ratings = services.find((service) => service.service === "ratings")!;
    expect(ratings.requestsPerSec / entry.requestsPerSec).toBeCloseTo(2 / 3, 1);
    // The edge into productpage carries exactly its calls, so the same p99.
    const edge = run.telemetry!.graph.edges.find((candidate) => candidate.to === "productpage")!;
    expect(edge.p99Ms).toBe(entry.latencyMs.p99);
  });

  it("a callee answering 20 % of calls with errors has a success rate of about 0.8, and its callers' errors show upstream", async () => {
    const services = BOOKINFO.topology.services.map((service) =>
      service.name === "details" ? { ...service, failures: { errorRate: 0.2, slowReplicas: [], outages: [] } } : service,
    );
    const scenario = withTelemetry({ ...BOOKINFO, topology: { ...BOOKINFO.topology, services } });
    const [run] = (await runScenario(plan(scenario), { workers: 1 })).runs;
    const details = run.telemetry!.services.find((service) => service.service === "details")!;
    // ~1,100 attempts: the binomial's standard error is ~0.012.
    expect(details.successRate).toBeGreaterThan(0.75);
    expect(details.successRate).toBeLessThan(0.85);
    const entry = run.telemetry!.services[0];
    expect(entry.successRate).toBeLessThan(1);
    expect(run.telemetry!.graph.edges.find((edge) => edge.to === "details")!.failing).toBe(true);
  });

  it("runs without mesh.telemetry record no calls and carry no signals", async () => {
    const [run] = (await runScenario(plan(BOOKINFO, { replications: 1 }), { workers: 1 })).runs;
    expect(run.telemetry).toBeUndefined();
  });
});
