/**
 * Nodes and zones going down on a run's timeline: their pods die at once, stay in the endpoints
 * (refusing calls) until the node controller's 50 s grace period marks them not ready, and are
 * rescheduled after tolerationSeconds where a node still up has room; a pod that fits nowhere stays
 * pending and the run says so. A mesh's locality failover moves calls off a lost zone sooner.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunPlan, type RunSummary } from "../../../src/runner/index.js";

function scenario(timeline: unknown[], cluster: Record<string, unknown> = {}, api: Record<string, unknown> = {}) {
  return parseScenario(
    "zones.yaml",
    {
      name: "zones",
      cluster: { nodes: 4, zones: ["zone-a", "zone-b"], ...cluster },
      services: [
        { name: "web", replicas: 2, concurrency: 16, nodes: [0, 2], serviceTime: { type: "exponential", meanMs: 1 } },
        { name: "api", replicas: 4, concurrency: 16, serviceTime: { type: "exponential", meanMs: 2 }, trafficDistribution: "PreferClose", ...api },
      ],
      requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
      traffic: [{ host: "api", routes: [{ backends: [{ service: "api", weight: 1 }] }], outlierDetection: { consecutive5xx: 5 } }],
      load: { type: "open", ratePerSec: 200, durationS: 70, warmupS: 1, client: { node: 0, meshed: true } },
      timeline,
    },
    "0".repeat(64),
  );
}

async function run(mesh: string, timeline: unknown[], cluster?: Record<string, unknown>, api?: Record<string, unknown>): Promise<RunSummary> {
  const plan: RunPlan = { scenario: scenario(timeline, cluster, api), meshes: [mesh], mtls: "permissive", rates: [200], durationS: 70, warmupS: 1, intervalS: 1, replications: 1, seed: 9 };
  return (await runScenario(plan, { workers: 1 })).runs[0];
}

const failedAt = (run: RunSummary, reason: string) => run.timeline!.map((entry) => entry.failedByReason[reason] ?? 0);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("a zone down", () => {
  it("without a mesh, kube-proxy keeps sending zone-blind calls to the dead pods until the grace period takes them out, then they come back rescheduled", async () => {
    const lost = await run("none", [{ atS: 2, zoneDown: { zone: "zone-b", tolerationSeconds: 5 } }], {}, { trafficDistribution: undefined });
    const refused = failedAt(lost, "connection-refused");
    expect(refused[1]).toBe(0);
    // Half of api's pods are in zone-b: about half the calls refused until 52 s (out of the endpoints).
    expect(sum(refused.slice(10, 40)) / (30 * 200)).toBeGreaterThan(0.4);
    expect(sum(refused.slice(10, 40)) / (30 * 200)).toBeLessThan(0.6);
    expect(sum(refused.slice(53, 70))).toBe(0);
    expect(lost.requests.failedByReason["no-endpoints"] ?? 0).toBe(0);
    expect(lost.events).toEqual([
      { atS: 2, event: "zone down: zone-b" },
      { atS: 52, event: "zone zone-b: pods not ready, out of the endpoints" },
      { atS: 57, event: "zone zone-b: pods evicted: api[1], api[3] rescheduled" },
    ]);
    // The new pods run on zone-a's nodes: nothing is left where the model simplifies.
    expect(lost.warnings.some((warning) => warning.includes("zone zone-b went down"))).toBe(false);
  });

  it("runs a rescheduled pod in its new zone: its callers' calls stop crossing zones once it is ready", async () => {
    // api's one pod starts on node 1 (zone-b) and may run on node 2 (zone-a), where web and the load generator run.
    const onlyApi = { replicas: 1, nodes: [1, 2], trafficDistribution: undefined };
    const zoneCalls = (summary: RunSummary, from: string, to: string) => summary.zoneTraffic!.pairs.find((pair) => pair.from === from && pair.to === to)?.callsPerSec ?? 0;
    const lost = await run("none", [{ atS: 2, zoneDown: { zone: "zone-b", tolerationSeconds: 0 } }], {}, onlyApi);
    expect(lost.events!.at(-1)).toEqual({ atS: 52, event: "zone zone-b: pods evicted: api[0] rescheduled" });
    // web -> api crosses to zone-b while the old pod is in the endpoints (to 52 s), then nothing is sent
    // until the new pod is ready in zone-a (57 s), whose calls stay in zone-a: 200/s over 52 of 70 s cross.
    expect(zoneCalls(lost, "zone-a", "zone-b")).toBeGreaterThan(0.95 * (200 * 52) / 70);
    expect(zoneCalls(lost, "zone-a", "zone-b")).toBeLessThan(1.05 * (200 * 52) / 70);
    // Within zone-a: every request's entry into web, and web -> api over the last 13 s.
    expect(zoneCalls(lost, "zone-a", "zone-a")).toBeGreaterThan(0.97 * (200 + (200 * 13) / 70));
    expect(sum(failedAt(lost, "no-endpoints").slice(58, 70))).toBe(0);
    expect(sum(failedAt(lost, "no-endpoints").slice(53, 56))).toBeGreaterThan(0.9 * 3 * 200);
  });

  it("under Istio, locality load balancing with outlier detection fails the calls over to zone-a at once", async () => {
    const lost = await run("istio", [{ atS: 2, zoneDown: { zone: "zone-b" } }]);
    const failed = lost.timeline!.map((entry) => entry.failedPerSec);
    // Zone-a's callers keep to zone-a: only the moment of the loss shows (calls in flight at zone-b's pods).
    expect(sum(failed.slice(4, 70))).toBeLessThan(0.01 * 66 * 200);
  });
});

describe("a node down", () => {
  it("leaves a pod that fits on no node still up pending, and the run says so", async () => {
    // Machines of 2 vCPU: api's 1.2 vCPU request fits once per node, so node 3's pod has nowhere to go.
    const lost = await run(
      "none",
      [{ atS: 2, nodeDown: { node: 3, tolerationSeconds: 0 } }],
      { vcpuPerNode: 2, memoryGbPerNode: 8, zones: undefined },
      { resources: { cpuRequest: "1200m" }, trafficDistribution: undefined },
    );
    expect(lost.warnings.some((warning) => /node 3 went down at 2 s: api\[\d\] fit on no node still up/.test(warning))).toBe(true);
    expect(lost.events!.at(-1)!.event).toMatch(/^node 3: pods evicted: api\[\d\] pending$/);
    // Out of the endpoints at 52 s, never back: no refusals after, and the others carry the calls.
    expect(sum(failedAt(lost, "connection-refused").slice(53, 70))).toBe(0);
    expect(sum(lost.timeline!.slice(53, 70).map((entry) => entry.failedPerSec))).toBe(0);
  });

  it("runs a rescheduled pod's work on its new node's cores, and counts its requests there from its eviction", async () => {
    const machines = { vcpuPerNode: 4, memoryGbPerNode: 8, zones: undefined };
    // api's one pod starts on node 1 and may run on node 3; web runs on nodes 0 and 2.
    const api = { replicas: 1, nodes: [1, 3], trafficDistribution: undefined, resources: { cpuRequest: "500m" } };
    const web = await run("none", [], machines, api);
    const lost = await run("none", [{ atS: 2, nodeDown: { node: 1, tolerationSeconds: 0 } }], machines, api);
    expect(web.nodes![3].cpuByUser.app).toBe(0);
    expect(web.nodes![1].cpuByUser.app).toBeGreaterThan(0.3);
    // api's 2 ms per call at 200/s is 0.4 vCPU; on node 3 from 57 s to 70 s.
    expect(lost.nodes![3].cpuByUser.app).toBeGreaterThan((0.9 * 0.4 * 13) / 70);
    expect(lost.nodes![3].cpuByUser.app).toBeLessThan((1.1 * 0.4 * 13) / 70);
    expect(lost.nodes![1].cpuByUser.app).toBeLessThan((1.1 * 0.4 * 2) / 70);
    // The old pod's request counts on node 1 until its eviction at 52 s, the new pod's on node 3 after.
    expect(lost.nodes![1].cpuRequested).toBeCloseTo((0.5 * 52) / 70, 3);
    expect(lost.nodes![3].cpuRequested).toBeCloseTo((0.5 * 18) / 70, 3);
    expect(lost.warnings.some((warning) => warning.includes("network place"))).toBe(false);
  });
});

describe("a cluster down", () => {
  /** web in east, api in both clusters; the load enters in east. */
  async function runClusters(mesh: string): Promise<RunSummary> {
    const scenario = parseScenario(
      "clusters.yaml",
      {
        name: "clusters",
        clusters: [
          { name: "east", region: "us-east-1", nodes: 2 },
          { name: "west", region: "us-west-2", nodes: 2 },
        ],
        services: [
          { name: "web", clusters: { east: 1 }, concurrency: 16, serviceTime: { type: "exponential", meanMs: 1 } },
          { name: "api", clusters: { east: 1, west: 1 }, concurrency: 16, serviceTime: { type: "exponential", meanMs: 2 } },
        ],
        requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
        load: { type: "open", ratePerSec: 100, durationS: 20, warmupS: 1, client: { node: 0 } },
        timeline: [{ atS: 2, clusterDown: { cluster: "west", tolerationSeconds: 5 } }],
      },
      "0".repeat(64),
    );
    const plan: RunPlan = { scenario, meshes: [mesh], mtls: "permissive", rates: [100], durationS: 20, warmupS: 1, intervalS: 1, replications: 1, seed: 9 };
    return (await runScenario(plan, { workers: 1 })).runs[0];
  }

  it("without a mesh, east's callers keep to east's endpoints (a Service is its cluster's): nothing fails", async () => {
    const lost = await runClusters("none");
    expect(lost.events![0]).toEqual({ atS: 2, event: "cluster down: west" });
    expect(lost.requests.failed).toBe(0);
  });

  it("under Istio, whose callers balance over both clusters, calls to west's pod are refused and Envoy's default retry moves them to east", async () => {
    const lost = await runClusters("istio");
    const refused = lost.requests.failedByReason["connection-refused"] ?? 0;
    // Calls that go west after 2 s are refused; the retry (another host) saves all but those whose
    // second try went west too. Without the cluster down nothing is retried (the run before 2 s).
    expect(lost.traffic!.retries).toBeGreaterThan(0.1 * 17 * 100);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(0.1 * lost.traffic!.retries);
  });
});
