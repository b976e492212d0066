/**
 * Autoscaling on a run: the HorizontalPodAutoscaler settles at the count its formula gives for
 * the offered CPU, stays put within the tolerance, waits for the stabilisation window before
 * scaling down, counts a sidecar's CPU and request in the pod's utilisation, and changes nothing
 * when it cannot scale; a pod no node has room for stays pending; costs follow the pods that ran;
 * results are the same for any number of workers.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { placeRun } from "../../../src/mesh/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";
import { changesOverTime, createMeta, mergeShards, planRun, runScenario, runShard, type RunPlan, type RunSummary } from "../../../src/runner/index.js";

/** Constant 10 ms of CPU per request and evenly spaced arrivals: the CPU of each sync period is exact. */
const CPU_MS = 10;
const REQUEST_VCPU = 0.5;

interface Options {
  rates: Array<{ durationS: number; ratePerSec: number }>;
  replicas: number;
  targetPercent: number;
  autoscaling?: boolean;
  minReplicas?: number;
  maxReplicas?: number;
  arrival?: "uniform" | "poisson";
  /** The cluster (default: 2 nodes without declared machines, so every pod fits). */
  cluster?: Record<string, unknown>;
  /** The scenario's timeline of events. */
  timeline?: unknown[];
}

function scenario(options: Options) {
  const autoscaling = options.autoscaling ?? true;
  return parseScenario(
    "api.yaml",
    {
      name: "api",
      cluster: options.cluster ?? { nodes: 2 },
      services: [
        {
          name: "api",
          replicas: options.replicas,
          concurrency: 2,
          serviceTime: { type: "constant", valueMs: CPU_MS },
          resources: { cpuRequest: REQUEST_VCPU },
          ...(autoscaling ? { autoscaling: { minReplicas: options.minReplicas ?? 2, maxReplicas: options.maxReplicas ?? 20, targetCpuUtilization: options.targetPercent } } : {}),
        },
      ],
      requestTypes: [{ name: "get", entry: "api" }],
      load: { type: "open", ratePerSec: options.rates[0].ratePerSec, warmupS: 0, arrival: options.arrival ?? "uniform", stages: options.rates },
      ...(options.timeline ? { timeline: options.timeline } : {}),
    },
    "0".repeat(64),
  );
}

function plan(options: Options, overrides: Partial<RunPlan> = {}): RunPlan {
  const durationS = options.rates.reduce((sum, stage) => sum + stage.durationS, 0);
  return { scenario: scenario(options), meshes: ["none"], rates: [options.rates[0].ratePerSec], durationS, warmupS: 0, staged: true, intervalS: 1, replications: 1, seed: 5, ...overrides };
}

async function run(options: Options, overrides: Partial<RunPlan> = {}): Promise<RunSummary> {
  return (await runScenario(plan(options, overrides), { workers: 1 })).runs[0];
}

const replicasAt = (summary: RunSummary, atS: number) => summary.timeline!.find((entry) => entry.atS === atS)!.replicas!.api;
const scaling = (summary: RunSummary) => (summary.events ?? []).filter((event) => event.event.startsWith("autoscaler"));

describe("autoscaling", () => {
  it("settles at ceil(offered CPU / (request x target)), as the HorizontalPodAutoscaler's formula gives", async () => {
    const ratePerSec = 300;
    const summary = await run({ rates: [{ durationS: 120, ratePerSec }], replicas: 3, targetPercent: 70 });
    const expected = Math.ceil((ratePerSec * CPU_MS) / 1000 / (REQUEST_VCPU * 0.7));
    expect(expected).toBe(9);
    expect(replicasAt(summary, 119)).toBe(expected);
    // From 3 (200% of requests) the default policy allows doubling or 4 more: 7 first, then 9.
    expect(scaling(summary).map((event) => event.event)).toEqual([
      "autoscaler: api 3 -> 7 replicas (CPU 200% of requests)",
      "autoscaler: api 7 -> 9 replicas (CPU 85.7% of requests)",
    ]);
    // The new pods join the balancing after the 5 s start-up.
    expect(replicasAt(summary, 15)).toBe(3);
    expect(replicasAt(summary, 20)).toBe(7);
    expect(summary.requests.failed).toBe(0);
  });

  it("does not scale while utilisation / target stays within 0.1 of 1, and does just outside it", async () => {
    // 9 pods of 0.5 vCPU at 70%: 3.15 vCPU is on target. 1.09 x that stays, 1.12 x scales up.
    const within = await run({ rates: [{ durationS: 60, ratePerSec: (3.15 * 1.09 * 1000) / CPU_MS }], replicas: 9, targetPercent: 70 });
    expect(scaling(within)).toEqual([]);
    const outside = await run({ rates: [{ durationS: 60, ratePerSec: (3.15 * 1.12 * 1000) / CPU_MS }], replicas: 9, targetPercent: 70 });
    expect(scaling(outside).map((event) => event.event)[0]).toBe("autoscaler: api 9 -> 11 replicas (CPU 78.4% of requests)");
  });

  it("scales down only once the 300 s stabilisation window holds no higher recommendation", async () => {
    const summary = await run({
      rates: [
        { durationS: 60, ratePerSec: 300 },
        { durationS: 0.001, ratePerSec: 100 },
        { durationS: 339.999, ratePerSec: 100 },
      ],
      replicas: 9,
      targetPercent: 70,
    });
    // The sync at 60 s read 300/s and recommended 9; the window keeps it until 360 s.
    expect(scaling(summary)).toEqual([{ atS: 360, event: "autoscaler: api 9 -> 3 replicas (CPU 22.2% of requests)" }]);
    expect(replicasAt(summary, 359)).toBe(9);
    expect(replicasAt(summary, 360)).toBe(3);
  });

  it("counts the sidecar's CPU and its 100m request in the pod's utilisation under Istio", async () => {
    const options: Options = { rates: [{ durationS: 120, ratePerSec: 300 }], replicas: 3, targetPercent: 70 };
    const istio = await run(options, { meshes: ["istio"] });
    const tail = istio.timeline!.filter((entry) => entry.atS >= 90);
    const vcpu = tail.reduce((sum, entry) => sum + entry.serviceVcpu!.api, 0) / tail.length;
    // The app's 3 vCPU and the sidecars' on top, against 0.5 + 0.1 vCPU requested per pod: from
    // 168% the policy allows 7 at most, where utilisation / target is within the tolerance, so it
    // stays there; without a mesh the same load settles at 9 (above).
    expect(vcpu).toBeGreaterThan(3);
    const settled = replicasAt(istio, 119);
    expect(Math.abs(vcpu / (settled * (REQUEST_VCPU + 0.1) * 0.7) - 1)).toBeLessThanOrEqual(0.1);
    expect(scaling(istio).map((event) => event.event)).toEqual([expect.stringMatching(/^autoscaler: api 3 -> 7 replicas \(CPU 1[67]\d(\.\d)?% of requests\)$/)]);
    expect(settled).toBe(7);
  });

  it("makes a new pod ready after its start-up and, with a sidecar, the sidecar's (linkerd2-proxy's 2 s readiness delay)", async () => {
    const options: Options = { rates: [{ durationS: 60, ratePerSec: 300 }], replicas: 3, targetPercent: 70 };
    const readyAfterS = async (mesh: string) => {
      const summary = await run(options, { meshes: [mesh] });
      const scaledAtS = scaling(summary)[0].atS;
      // Replicas are read at each 1 s interval's end: the first interval showing more pods ends at or
      // after the pod is ready (the next one, when the two fall on the same millisecond).
      const firstLarger = summary.timeline!.find((entry) => entry.atS >= scaledAtS && entry.replicas!.api > 3)!.atS;
      return firstLarger + 1 - scaledAtS;
    };
    // The default podStartupS is 5 s; linkerd2's profile adds its proxy's 2 s.
    const none = await readyAfterS("none");
    const linkerd2 = await readyAfterS("linkerd2");
    expect(none).toBeGreaterThanOrEqual(5);
    expect(none).toBeLessThanOrEqual(6);
    expect(linkerd2).toBeGreaterThanOrEqual(7);
    expect(linkerd2).toBeLessThanOrEqual(8);
  });

  it("changes nothing when it cannot scale (minReplicas = maxReplicas = replicas)", async () => {
    const options: Options = { rates: [{ durationS: 40, ratePerSec: 500 }], replicas: 4, targetPercent: 50, minReplicas: 4, maxReplicas: 4, arrival: "poisson" };
    const fixed = await run({ ...options, autoscaling: false }, { meshes: ["istio"] });
    const pinned = await run(options, { meshes: ["istio"] });
    const withoutReplicas = (summary: RunSummary) => JSON.stringify({ ...summary, timeline: summary.timeline!.map(({ replicas: _replicas, ...entry }) => entry) });
    expect(pinned.timeline![0].replicas).toEqual({ api: 4 });
    expect(fixed.timeline![0].replicas).toBeUndefined();
    expect(withoutReplicas(pinned)).toBe(withoutReplicas(fixed));
  });

  it("leaves a pod pending when no node has room for its requests, and says so per interval, per run and in a warning", async () => {
    // Two nodes of 2 vCPU have 1.93 allocatable each: three pods of 0.5 vCPU fit on each, six in all.
    const cluster = { nodes: 2, vcpuPerNode: 2 };
    const summary = await run({ rates: [{ durationS: 90, ratePerSec: 300 }], replicas: 3, targetPercent: 70, cluster });
    expect(scaling(summary).map((event) => event.event)).toEqual([
      // Near 200%: the nodes' shared cores make a little CPU carry over the sync's edge.
      expect.stringMatching(/^autoscaler: api 3 -> 7 replicas \(CPU 19\d(\.\d)?% of requests\), 1 pending: no node has room$/),
      expect.stringMatching(/^autoscaler: api 7 -> 9 replicas \(CPU \d+(\.\d)?% of requests\), 3 pending: no node has room$/),
    ]);
    const last = summary.timeline!.at(-1)!;
    expect(last.replicas!.api).toBe(6);
    expect(last.pendingReplicas!.api).toBe(3);
    expect(summary.timeline![0].pendingReplicas!.api).toBe(0);
    expect(summary.pendingPods!.api.peak).toBe(3);
    // 1 pod from 15 s to 30 s, then 3 until the end at 90 s.
    expect(summary.pendingPods!.api.podSeconds).toBe(15 + 3 * 60);
    expect(summary.warnings.some((warning) => warning.startsWith("api: up to 3 pods the autoscaler asked for stayed pending"))).toBe(true);
    // What the nodes' pods request follows the bound pods: 3 x 0.5 for 15 s, then 6 x 0.5, over 2 nodes.
    const requested = summary.nodes!.reduce((sum, node) => sum + node.cpuRequested, 0);
    expect(requested).toBeCloseTo((1.5 * 15 + 3 * 75) / 90, 3);
  });

  it("regression: a pod added on a lost node is not ready (it took calls and refused them) until the node's pods come back in place", async () => {
    // api's pods alternate between the two nodes; node 1 is lost at 1 s, so api[1] dies and the
    // pods added at 15 s (api[2] to api[4]) include api[3] on node 1, which can never start there.
    const summary = await run({ rates: [{ durationS: 80, ratePerSec: 300 }], replicas: 2, targetPercent: 70, timeline: [{ atS: 1, nodeDown: { node: 1, tolerationSeconds: 0 } }] });
    expect(scaling(summary)[0].event).toMatch(/^autoscaler: api 2 -> 5 replicas /);
    // Ready from 20 s: api[0], api[2], api[4], and api[1], dead, which refuses its share of the
    // calls until its node is marked not ready at 51 s (api[3] refused its share too).
    for (const atS of [25, 35, 45]) {
      expect(replicasAt(summary, atS)).toBe(4);
      const entry = summary.timeline!.find((interval) => interval.atS === atS)!;
      expect(entry.failedPerSec).toBeGreaterThan(0.9 * (300 / 4));
      expect(entry.failedPerSec).toBeLessThan(1.1 * (300 / 4));
    }
    // Back in place at 56 s (evicted at 51 s, 5 s start-up): no call fails after.
    expect(summary.timeline!.filter((interval) => interval.atS >= 60).every((interval) => interval.failedPerSec === 0)).toBe(true);
  });

  it("regression: pods it starts whose sidecars' idle CPU takes all their node's cores stop the run as overloaded, naming the node (it was an internal error)", async () => {
    // Linkerd's sidecar requests no CPU, so 1m pods fit on the node while their sidecars, made to
    // idle at 0.02 vCPU each, take all of its 0.1 vCPU by the fifth pod.
    const scenario = parseScenario(
      "idle.yaml",
      {
        name: "idle",
        cluster: { nodes: 1, vcpuPerNode: 0.1 },
        services: [{ name: "api", concurrency: 8, serviceTime: { type: "constant", valueMs: 0.5 }, resources: { cpuRequest: "1m" }, autoscaling: { minReplicas: 1, maxReplicas: 20, targetCpuUtilization: 50 } }],
        requestTypes: [{ name: "get", entry: "api" }],
        load: { type: "open", ratePerSec: 40 },
        mesh: { overrides: { linkerd2: { dataPlane: { proxy: { idleVcpu: 0.02 } } } } },
      },
      "0".repeat(64),
    );
    const error = await runScenario({ scenario, meshes: ["linkerd2"], rates: [40], durationS: 60, warmupS: 0, replications: 1, seed: 1 }, { workers: 1 }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /node node-0 is overloaded at t=15\.0 s: the idle CPU of the containers running on it \(sidecars, node agents\) reached 0\.100 of its 0\.1 vCPU; use bigger nodes/,
    );
    expect((error as Error).message).not.toMatch(/internal/);
  });

  it("costs an autoscaled service for the pods it ran, not for maxReplicas", async () => {
    // 50/s keeps the api at minReplicas (2): it should cost what 2 fixed replicas cost.
    const options: Options = { rates: [{ durationS: 60, ratePerSec: 50 }], replicas: 2, targetPercent: 70, cluster: { nodes: 2, vcpuPerNode: 4 } };
    const scaled = await run(options, { meshes: ["istio"] });
    const fixed = await run({ ...options, autoscaling: false }, { meshes: ["istio"] });
    expect(scaling(scaled)).toEqual([]);
    expect(scaled.resources.dataPlane.memoryMb).toBe(fixed.resources.dataPlane.memoryMb);
    expect(scaled.resources.dataPlane.proxies).toBe(fixed.resources.dataPlane.proxies);
    expect(scaled.resources.dataPlane.requested).toEqual(fixed.resources.dataPlane.requested);
    expect(scaled.resources.controlPlane.memoryMb).toBe(fixed.resources.controlPlane.memoryMb);
    expect(scaled.resources.dataPlane.vcpu).toBeCloseTo(fixed.resources.dataPlane.vcpu, 3);
    expect(scaled.nodes!.map((node) => [node.cpuRequested, node.memoryMb.requested, node.pods])).toEqual(fixed.nodes!.map((node) => [node.cpuRequested, node.memoryMb.requested, node.pods]));
    scaled.nodes!.forEach((node, index) => expect(node.memoryMb.used).toBeCloseTo(fixed.nodes![index].memoryMb.used, 6));
    expect(scaled.pendingPods).toBeUndefined();
    // The timeline's node CPU leaves the idle sidecars of pods not running out too: its intervals average to the run's.
    scaled.nodes!.forEach((node, index) => {
      const perInterval = scaled.timeline!.map((entry) => entry.nodeCpuUtilization![index]);
      expect(perInterval.reduce((sum, share) => sum + share, 0) / perInterval.length).toBeCloseTo(node.cpuUtilization, 3);
    });
  });

  describe("with zones", () => {
    /** web (one pod per zone) calls an autoscaled api that prefers its caller's zone, on 3 zones of one 8-vCPU node each. */
    const zoned = (ratePerSec: number, minReplicas: number) =>
      parseScenario(
        "zoned.yaml",
        {
          name: "zoned",
          cluster: { zones: 3, nodes: 3, vcpuPerNode: 8 },
          services: [
            { name: "web", replicas: 3, concurrency: 8, serviceTime: { type: "constant", valueMs: 1 } },
            {
              name: "api",
              replicas: minReplicas,
              concurrency: 2,
              trafficDistribution: "PreferSameZone",
              serviceTime: { type: "constant", valueMs: CPU_MS },
              resources: { cpuRequest: REQUEST_VCPU },
              autoscaling: { minReplicas, maxReplicas: 9, targetCpuUtilization: 70 },
            },
          ],
          requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
          load: { type: "open", ratePerSec, warmupS: 0, arrival: "uniform", durationS: 60 },
        },
        "0".repeat(64),
      );

    it("places the pods the autoscaler may add over the zones in turn, as the scheduler's zone spreading does", () => {
      const scenario = zoned(300, 3);
      const placement = placeRun(loadMeshProfile("none"), scenario.topology, { clientNode: 0, gatewayReplicas: 1, waypointReplicas: 1, ingressGateway: false, l7ProxyRuns: false });
      const zoneOf = scenario.topology.cluster.zones!.nodeZone;
      const api = placement.services[1].map((node) => zoneOf[node]);
      for (let first = 0; first < 9; first += 3) expect(new Set(api.slice(first, first + 3)).size).toBe(3);
    });

    it("balances by zone over the pods in balancing only: one api pod in zone a takes every web's calls", async () => {
      // 20/s keeps the api at its one pod: web's pods in zones b and c must cross to it (2/3 of
      // web's calls), as must 2/3 of the load generator's calls to web: 2/3 of all calls cross.
      const plan: RunPlan = { scenario: zoned(20, 1), meshes: ["none"], rates: [20], durationS: 60, warmupS: 0, staged: false, intervalS: 1, replications: 1, seed: 5 };
      const summary = (await runScenario(plan, { workers: 1 })).runs[0];
      expect(scaling(summary)).toEqual([]);
      expect(summary.zoneTraffic!.crossZoneShare).toBeCloseTo(2 / 3, 2);
    });

    it("settles at the formula's count and keeps web's calls to api in their zone once it has scaled", async () => {
      const plan: RunPlan = { scenario: zoned(300, 3), meshes: ["none"], rates: [300], durationS: 60, warmupS: 0, staged: false, intervalS: 1, replications: 1, seed: 5 };
      const summary = (await runScenario(plan, { workers: 1 })).runs[0];
      expect(replicasAt(summary, 59)).toBe(9);
      // Only the load generator's calls to web cross (2/3 of half the calls).
      expect(summary.zoneTraffic!.crossZoneShare).toBeCloseTo(1 / 3, 2);
    });
  });

  it("gives byte-identical results with 1 and 2 workers, and from 2 merged shards", async () => {
    const options: Options = { rates: [{ durationS: 45, ratePerSec: 300 }], replicas: 3, targetPercent: 70, arrival: "poisson" };
    const twoMeshes = () => plan(options, { meshes: ["none", "linkerd2"], replications: 2 });
    const documents = await Promise.all([1, 2].map((workers) => runScenario(twoMeshes(), { workers })));
    const withoutMeta = ({ meta: _meta, ...rest }: { meta: unknown }) => JSON.stringify(rest);
    expect(withoutMeta(documents[0])).toBe(withoutMeta(documents[1]));
    expect(scaling(documents[0].runs[0]).length).toBeGreaterThan(0);
    const shards = await Promise.all([1, 2].map((index) => runShard(twoMeshes(), { index, count: 2 }, { workers: 1 })));
    const files = shards.map((shard, i) => ({ file: `s${i + 1}.json`, value: JSON.parse(JSON.stringify(shard)) }));
    expect(withoutMeta(mergeShards(files, createMeta({}, 0, 0)))).toBe(withoutMeta(documents[0]));
  });

  it("gives a run a timeline even at a constant rate (--rps), and none without an autoscaler", () => {
    const options: Options = { rates: [{ durationS: 30, ratePerSec: 300 }], replicas: 3, targetPercent: 70 };
    expect(changesOverTime(scenario(options), false)).toBe(true);
    expect(planRun(scenario(options), { rates: [400], durationS: 30 }).intervalS).toBe(1);
    expect(changesOverTime(scenario({ ...options, autoscaling: false }), false)).toBe(false);
  });
});
