/**
 * A lost cluster's endpoints in the callers' balancing: Linkerd's service mirror marks them not
 * ready once its gateway probes have failed (94.5 s with the defaults), and callers then fail over;
 * Istio's (and the other meshes') control planes keep them, so nothing changes before outlier detection.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunSummary } from "../../../src/runner/index.js";
import { lostClusterDrops } from "../../../src/runner/replication/lost-cluster-endpoints.js";
import { nodeFailures } from "../../../src/runner/replication/pod-timeline.js";
import { planTasks, type RunPlan } from "../../../src/runner/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const constant = (valueMs: number) => ({ type: "constant", valueMs });
const RATE = 20;
const DURATION_S = 110;

/**
 * front and back in both clusters; the meshed load generator on west's first node (2), so its
 * calls to front prefer west under a local-first mode; west fails at 5 s, or its nodes go down.
 */
function twoClusters(options: { west?: object; timeline?: object[]; mesh?: object } = {}) {
  return parseScenario(
    "lost.yaml",
    {
      name: "lost",
      clusters: [
        { name: "east", region: "us-east-1", nodes: 2, rttMs: { west: 62 } },
        { name: "west", region: "us-west-2", nodes: 2, ...options.west },
      ],
      services: [
        { name: "front", clusters: { east: 1, west: 1 }, concurrency: 64, serviceTime: constant(1) },
        { name: "back", clusters: { east: 1, west: 1 }, concurrency: 64, serviceTime: constant(1) },
      ],
      requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
      load: { type: "open", ratePerSec: RATE, client: { node: 2, meshed: true } },
      ...(options.timeline ? { timeline: options.timeline } : {}),
      ...(options.mesh ? { mesh: options.mesh } : {}),
    },
    "",
  );
}

function tasksOf(plan: RunPlan) {
  return planTasks(plan, new Map(plan.meshes.map((id) => [id, loadMeshProfile(id)])));
}

async function runs(scenario: ReturnType<typeof twoClusters>, meshes: string[]): Promise<Map<string, RunSummary>> {
  const document = await runScenario({ scenario, meshes, rates: [RATE], durationS: DURATION_S, warmupS: 0.5, intervalS: 5, replications: 1, seed: 5 }, { workers: 1 });
  return new Map(document.runs.map((run) => [run.mesh, run]));
}

/** Failed requests in the intervals that start within [fromS, toS). */
const failedBetween = (run: RunSummary, fromS: number, toS: number) =>
  run.timeline!.filter((entry) => entry.atS >= fromS && entry.atS < toS).reduce((sum, entry) => sum + Object.values(entry.failedByReason).reduce((a, b) => a + b, 0), 0);

describe("a lost cluster's endpoints", () => {
  it("under Linkerd (gateway mode) leave the callers' balancing 94.5 s after west fails (probe 3 x 30 s timeouts + ticks, no update delay): failures stop; under Istio they stay", async () => {
    const results = await runs(twoClusters({ west: { failAtS: 5 } }), ["linkerd2", "istio"]);
    const linkerd = results.get("linkerd2")!;
    expect(failedBetween(linkerd, 0, 5)).toBe(0);
    // The load generator keeps to west's front until the service mirror marks it not ready at 99.5 s.
    expect(failedBetween(linkerd, 10, 95)).toBeGreaterThan(RATE * 80 * 0.9);
    expect(failedBetween(linkerd, 100, DURATION_S)).toBe(0);
    expect(linkerd.events).toContainEqual({ atS: 99.5, event: "cluster west: gateway probes failed, endpoints not ready" });
    // Istio balances over both clusters' fronts and keeps west's: about half the requests fail to the end.
    const istio = results.get("istio")!;
    expect(failedBetween(istio, 100, DURATION_S)).toBeGreaterThan(RATE * 10 * 0.3);
    // Both mark the failure itself, so the charts over time draw its rule.
    expect(istio.events).toEqual([{ atS: 5, event: "cluster west fails: its replicas stop answering" }]);
    expect(linkerd.events![0]).toEqual({ atS: 5, event: "cluster west fails: its replicas stop answering" });
  }, 120_000);

  it("stay under Istio and under Linkerd's flat mode (a link without a gateway has no probe): nothing to drop", () => {
    const scenario = twoClusters({ west: { failAtS: 5 }, mesh: { multiCluster: { modes: { linkerd2: "flat" } } } });
    const tasks = tasksOf({ scenario, meshes: ["linkerd2", "istio"], rates: [RATE], durationS: 20, warmupS: 0.5, replications: 1, seed: 5 });
    expect(tasks).toHaveLength(2);
    for (const task of tasks) expect(lostClusterDrops(task)).toEqual([]);
  });

  it("on a clusterDown event, the node controller's 40 s comes before Linkerd's 94.5 s probe: nothing more to drop; a probe quicker than it drops every pod of the cluster", () => {
    const scenario = parseScenario(
      "down.yaml",
      {
        name: "down",
        clusters: [
          { name: "east", region: "us-east-1", nodes: 2 },
          { name: "west", region: "us-west-2", nodes: 2 },
        ],
        services: [
          { name: "pinned", clusters: { west: 1 }, serviceTime: constant(1) },
          { name: "spread", replicas: 2, nodes: [1, 2], serviceTime: constant(1) },
        ],
        requestTypes: [{ name: "get", entry: "pinned", calls: [{ call: "spread" }] }],
        load: { type: "open", ratePerSec: RATE },
        timeline: [{ atS: 3, clusterDown: { cluster: "west" } }],
      },
      "",
    );
    const task = tasksOf({ scenario, meshes: ["linkerd2"], rates: [RATE], durationS: 200, warmupS: 0.5, replications: 1, seed: 5 })[0];
    expect(nodeFailures(task)[0].pods.map((pod) => [pod.service, pod.replica])).toEqual([[0, 0], [1, 1]]);
    expect(lostClusterDrops(task)).toEqual([]);
    const quick = { ...task, mesh: { ...task.mesh, multiCluster: { ...task.mesh.multiCluster!, lostEndpointsAfterMs: 10_000 } } };
    expect(lostClusterDrops(quick)).toEqual([{ cluster: "west", failedAtS: 3, afterMs: 10_000, pods: [[0, 0], [1, 1]] }]);
  });

  it("gives byte-identical results (outside meta) with 1 and 2 workers when Linkerd drops the lost cluster's endpoints", async () => {
    const plan = { scenario: twoClusters({ west: { failAtS: 5 } }), meshes: ["linkerd2"], rates: [RATE], durationS: DURATION_S, warmupS: 0.5, intervalS: 5, replications: 2, seed: 9 };
    const one = await runScenario(plan, { workers: 1 });
    const two = await runScenario(plan, { workers: 2 });
    expect(JSON.stringify({ ...two, meta: undefined })).toBe(JSON.stringify({ ...one, meta: undefined }));
    expect(one.runs[0].events?.length).toBe(2);
  }, 120_000);
});
