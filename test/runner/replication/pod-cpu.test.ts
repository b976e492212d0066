/**
 * Pods and nodes use CPU only while they exist: a lost node (nodeDown, a cluster's failAtS) runs
 * nothing from its loss on, neither its sidecars' idle load nor proxy passes for the calls its pods
 * refuse; a pod an autoscaler or a rollout creates takes no room on its node's cores before it is
 * created.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunPlan, type RunSummary } from "../../../src/runner/index.js";

async function runOnce(scenario: RunPlan["scenario"], mesh: string, ratePerSec: number, durationS: number, overrides: Partial<RunPlan> = {}): Promise<RunSummary> {
  const plan: RunPlan = { scenario, meshes: [mesh], mtls: "permissive", rates: [ratePerSec], durationS, warmupS: 1, intervalS: 1, replications: 1, seed: 9, ...overrides };
  return (await runScenario(plan, { workers: 1 })).runs[0];
}

const nodeCpu = (run: RunSummary, node: number) => run.timeline!.map((entry) => entry.nodeCpuUtilization![node]);

describe("a lost node", () => {
  /** web on nodes 0 and 2, api's 4 pods one per node of 4 vCPU; the load generator on node 0. */
  const scenario = (timeline: unknown[]) =>
    parseScenario(
      "lost.yaml",
      {
        name: "lost",
        cluster: { nodes: 4, vcpuPerNode: 4, memoryGbPerNode: 8 },
        services: [
          { name: "web", replicas: 2, concurrency: 16, nodes: [0, 2], serviceTime: { type: "exponential", meanMs: 1 } },
          { name: "api", replicas: 4, concurrency: 16, nodes: [0, 1, 2, 3], serviceTime: { type: "exponential", meanMs: 2 } },
        ],
        requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
        load: { type: "open", ratePerSec: 200, durationS: 20, warmupS: 1, client: { node: 0, meshed: true } },
        timeline,
      },
      "0".repeat(64),
    );

  it("under Istio uses no CPU from its loss on: no idle sidecar, no proxy pass for the calls its pod refuses", async () => {
    const lost = await runOnce(scenario([{ atS: 5, nodeDown: { node: 1 } }]), "istio", 200, 20);
    const cpu = nodeCpu(lost, 1);
    expect(cpu[3]).toBeGreaterThan(0);
    // The interval of the loss holds the calls under way at its instant; every later one holds nothing.
    expect(cpu.slice(6)).toEqual(new Array(14).fill(0));
    // Its pod stays in the endpoints until the grace period (50 s): calls still go to it and are refused.
    expect(lost.requests.failedByReason["connection-refused"] ?? 0).toBeGreaterThan(0);
    expect(lost.traffic!.retries).toBeGreaterThan(0);
    // Callers' proxies still do their work on their own nodes.
    expect(nodeCpu(lost, 0).slice(6).every((share) => share > 0)).toBe(true);
  });

  it("counts the lost node's CPU in the run's totals only up to its loss", async () => {
    const steady = await runOnce(scenario([]), "istio", 200, 20);
    const lost = await runOnce(scenario([{ atS: 5, nodeDown: { node: 1 } }]), "istio", 200, 20);
    // A quarter of the run, give or take the calls under way at the loss.
    expect(lost.nodes![1].cpuUtilization).toBeGreaterThan(0.2 * steady.nodes![1].cpuUtilization);
    expect(lost.nodes![1].cpuUtilization).toBeLessThan(0.3 * steady.nodes![1].cpuUtilization);
    // Its sidecar's idle CPU up to the loss (5 of 20 s) is the node's mesh CPU when nothing else runs there.
    expect(lost.nodes![1].cpuByUser.mesh).toBeLessThan(steady.nodes![1].cpuByUser.mesh);
  });

  it("a cluster's failAtS loses its nodes: nothing runs on them from then on", async () => {
    const clusters = parseScenario(
      "clusters.yaml",
      {
        name: "clusters",
        cluster: { vcpuPerNode: 4, memoryGbPerNode: 8 },
        clusters: [
          { name: "east", region: "us-east-1", nodes: 2 },
          { name: "west", region: "us-west-2", nodes: 2, failAtS: 4 },
        ],
        services: [
          { name: "web", clusters: { east: 1 }, concurrency: 16, serviceTime: { type: "exponential", meanMs: 1 } },
          { name: "api", clusters: { east: 1, west: 1 }, concurrency: 16, serviceTime: { type: "exponential", meanMs: 2 } },
        ],
        requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
        load: { type: "open", ratePerSec: 100, durationS: 12, warmupS: 1, client: { node: 0 } },
      },
      "0".repeat(64),
    );
    const lost = await runOnce(clusters, "istio", 100, 12);
    const west = [2, 3].filter((node) => nodeCpu(lost, node)[2] > 0);
    expect(west.length).toBeGreaterThan(0);
    for (const node of west) expect(nodeCpu(lost, node).slice(5)).toEqual(new Array(7).fill(0));
    expect(lost.requests.failedByReason["connection-refused"] ?? 0).toBeGreaterThan(0);
  });
});

describe("a pod that does not exist yet", () => {
  /** api, autoscaled from 2 pods up to 12 (or 2 fixed pods), on 2 nodes of 1 vCPU it keeps busy. */
  const api = (autoscaling: boolean) =>
    parseScenario(
      "api.yaml",
      {
        name: "api",
        cluster: { nodes: 2, vcpuPerNode: 1, memoryGbPerNode: 64 },
        services: [
          {
            name: "api",
            replicas: 2,
            concurrency: 4,
            serviceTime: { type: "exponential", meanMs: 5 },
            resources: { cpuRequest: "10m" },
            ...(autoscaling ? { autoscaling: { minReplicas: 2, maxReplicas: 12, targetCpuUtilization: 1000 } } : {}),
          },
        ],
        requestTypes: [{ name: "get", entry: "api" }],
        load: { type: "open", ratePerSec: 300, durationS: 20, warmupS: 1 },
      },
      "0".repeat(64),
    );

  it("an autoscaled service's pods not created leave their nodes' cores alone: it runs as the same service with its pods fixed", async () => {
    const scaled = await runOnce(api(true), "istio", 300, 20);
    const fixed = await runOnce(api(false), "istio", 300, 20);
    expect((scaled.events ?? []).filter((event) => event.event.startsWith("autoscaler"))).toEqual([]);
    // 10 idle sidecars (0.003 vCPU each) would take 0.015 of each node's busy core: the latencies would differ.
    expect(scaled.latencyMs).toEqual(fixed.latencyMs);
    expect(scaled.timeline!.map((entry) => entry.p99Ms)).toEqual(fixed.timeline!.map((entry) => entry.p99Ms));
    scaled.nodes!.forEach((node, index) => expect(node.cpuUtilization).toBeCloseTo(fixed.nodes![index].cpuUtilization, 9));
  });

  it("a rollout's new pods take no CPU before the rollout: the intervals before it are those of the run without it", async () => {
    const catalogue = (timeline: unknown[]) =>
      parseScenario(
        "rollout.yaml",
        {
          name: "rollout",
          cluster: { nodes: 2, vcpuPerNode: 4, memoryGbPerNode: 32 },
          services: [
            { name: "frontend", replicas: 2, concurrency: 16, serviceTime: { type: "lognormal", meanMs: 0.5, cv: 1 } },
            { name: "catalogue", replicas: 4, concurrency: 1, serviceTime: { type: "exponential", meanMs: 1 } },
          ],
          requestTypes: [{ name: "browse", entry: "frontend", calls: [{ call: "catalogue" }] }],
          load: { type: "open", ratePerSec: 2000, durationS: 10, warmupS: 1, client: { node: 0, meshed: true }, keepAlive: true },
          timeline,
        },
        "0".repeat(64),
      );
    const steady = await runOnce(catalogue([]), "istio", 2000, 10);
    const rolled = await runOnce(catalogue([{ atS: 5, rollout: { service: "catalogue" } }]), "istio", 2000, 10);
    expect(rolled.timeline!.slice(0, 5)).toEqual(steady.timeline!.slice(0, 5));
    expect(rolled.timeline!.slice(5)).not.toEqual(steady.timeline!.slice(5));
  });
});
