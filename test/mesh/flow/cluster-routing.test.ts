/**
 * Clusters end to end: who balances over which clusters (every cluster's endpoints for Istio and
 * Cilium's global services; the caller's own cluster first for Linkerd's mirrored services and for a
 * plain Kubernetes Service), a cluster failing and the failover that outlier detection allows, and
 * every call to another region paying that region's round trip and the gateway's passes.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunSummary } from "../../../src/runner/index.js";

const constant = (valueMs: number) => ({ type: "constant", valueMs });
const RATE = 200;

/** front in east calls back (one replica in each cluster); east and west 62 ms apart; a meshed load generator on node 0. */
function twoClusters(options: { back?: object; west?: object; traffic?: object[]; mesh?: object } = {}) {
  return parseScenario(
    "two.yaml",
    {
      name: "two",
      clusters: [
        { name: "east", region: "us-east-1", nodes: 2, rttMs: { west: 62 } },
        { name: "west", region: "us-west-2", nodes: 2, ...options.west },
      ],
      services: [
        { name: "front", clusters: { east: 1 }, concurrency: 64, serviceTime: constant(1) },
        { name: "back", clusters: { east: 1, west: 1 }, concurrency: 64, serviceTime: constant(1), ...options.back },
      ],
      requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
      load: { type: "open", ratePerSec: RATE, client: { node: 0, meshed: true } },
      ...(options.traffic ? { traffic: options.traffic } : {}),
      ...(options.mesh ? { mesh: options.mesh } : {}),
    },
    "",
  );
}

async function runs(scenario: ReturnType<typeof twoClusters>, meshes: string[], durationS = 6): Promise<Map<string, RunSummary>> {
  const document = await runScenario({ scenario, meshes, rates: [RATE], durationS, warmupS: 0.5, replications: 1, seed: 5 }, { workers: 1 });
  return new Map(document.runs.map((run) => [run.mesh, run]));
}

const calls = (run: RunSummary, from: string, to: string) => run.clusterTraffic!.pairs.find((pair) => pair.from === from && pair.to === to)?.callsPerSec ?? 0;

describe("clusters: who balances over which clusters", () => {
  it("a local-first mode (Linkerd's mirrors, Kuma) and a plain Service (no mesh) keep every call in its cluster; every-cluster modes (Cilium's global service) send about half away", async () => {
    const results = await runs(twoClusters({ back: { concurrency: 64 } }), ["none", "linkerd2", "kuma", "cilium"]);
    for (const mesh of ["none", "linkerd2", "kuma"]) expect(calls(results.get(mesh)!, "east", "west"), mesh).toBe(0);
    // Cilium's datapath picks a backend at random: half of back's calls (a third of all calls) go west.
    const cilium = results.get("cilium")!;
    expect(calls(cilium, "east", "west") / (calls(cilium, "east", "east") + calls(cilium, "east", "west"))).toBeGreaterThan(0.25);
    expect(cilium.latencyMs.p99).toBeGreaterThan(62);
    expect(results.get("linkerd2")!.latencyMs.p99).toBeLessThan(10);
  }, 60_000);

  it("a service with no replica in the caller's cluster is reached in the other one, under every mode", async () => {
    const results = await runs(twoClusters({ back: { clusters: { west: 1 } } }), ["none", "linkerd2"]);
    for (const run of results.values()) {
      expect(run.clusterTraffic!.crossClusterShare, run.mesh).toBeGreaterThan(0.4);
      expect(run.latencyMs.p50, run.mesh).toBeGreaterThan(62);
    }
  }, 60_000);
});

describe("clusters: a Service's cluster affinity (services[].clusterAffinity, Cilium's service.cilium.io/affinity)", () => {
  const share = (run: RunSummary) => calls(run, "east", "west") / (calls(run, "east", "east") + calls(run, "east", "west"));

  it("under Cilium, local keeps back's calls in east and remote sends them west, while the mode (global, none) spreads them", async () => {
    const local = (await runs(twoClusters({ back: { clusterAffinity: "local" } }), ["cilium"])).get("cilium")!;
    const remote = (await runs(twoClusters({ back: { clusterAffinity: "remote" } }), ["cilium"])).get("cilium")!;
    const none = (await runs(twoClusters({ back: { clusterAffinity: "none" } }), ["cilium"])).get("cilium")!;
    expect(calls(local, "east", "west")).toBe(0);
    // Every call front makes to back goes west (east-to-east pairs are the load generator's calls to front).
    expect(calls(remote, "east", "west")).toBeGreaterThan(RATE * 0.95);
    expect(calls(remote, "east", "west")).toBeLessThan(RATE * 1.05);
    expect(share(none)).toBeGreaterThan(0.25);
    expect(share(none)).toBeLessThan(0.75);
  }, 60_000);

  it("overrides Cilium's clustermesh-local mode, and is ignored by meshes whose profile does not read it", async () => {
    const none = (await runs(twoClusters({ back: { clusterAffinity: "none" }, mesh: { multiCluster: { modes: { cilium: "clustermesh-local" } } } }), ["cilium"])).get("cilium")!;
    expect(share(none)).toBeGreaterThan(0.25);
    const others = await runs(twoClusters({ back: { clusterAffinity: "remote" } }), ["linkerd2", "istio"]);
    expect(calls(others.get("linkerd2")!, "east", "west")).toBe(0);
    expect(share(others.get("istio")!)).toBeLessThan(0.75);
  }, 60_000);
});

describe("clusters: a cluster fails", () => {
  const failing = { west: { failAtS: 2 } };
  const outlier = { outlierDetection: { consecutive5xx: 3 } };
  const rule = { host: "back", routes: [{ backends: [{ service: "back", weight: 1 }] }], ...outlier };

  it("west failing: Cilium's global service keeps balancing to its backends and calls fail; Istio with outlier detection ejects them and fails over", async () => {
    const cilium = (await runs(twoClusters(failing), ["cilium"])).get("cilium")!;
    expect(cilium.requests.failed).toBeGreaterThan(100);
    const istio = (await runs(twoClusters({ ...failing, traffic: [rule] }), ["istio"])).get("istio")!;
    expect(istio.requests.failed).toBeLessThan(10);
    expect(istio.requests.completed).toBeGreaterThan(RATE * 5.5);
  }, 60_000);

  it("a local-first mode fails over to the other cluster once outlier detection ejects its own cluster's replicas (Kuma)", async () => {
    const outage = { failures: { outages: [{ replica: 0, startS: 2, endS: 100 }] } };
    const kuma = (await runs(twoClusters({ back: outage, traffic: [rule] }), ["kuma"])).get("kuma")!;
    expect(kuma.requests.failed).toBeLessThan(10);
    expect(calls(kuma, "east", "west")).toBeGreaterThan(RATE / 3);
    const blind = (await runs(twoClusters({ back: outage }), ["kuma"])).get("kuma")!;
    expect(blind.requests.failed).toBeGreaterThan(100);
  }, 60_000);
});

describe("clusters: Istio's locality across regions", () => {
  it("with the caller's zone ejected, Istio's locality balancing fails over to the region's other zone before the other region", async () => {
    const scenario = parseScenario(
      "regions.yaml",
      {
        name: "regions",
        clusters: [
          { name: "east", region: "us-east-1", zones: 2, nodes: 2 },
          { name: "west", region: "us-west-2", nodes: 2 },
        ],
        services: [
          { name: "front", clusters: { east: { "zone-a": 1 } }, concurrency: 64, serviceTime: constant(1) },
          {
            name: "back",
            clusters: { east: 2, west: 1 },
            concurrency: 64,
            serviceTime: constant(1),
            failures: { outages: [{ replica: 0, startS: 1, endS: 100 }] },
          },
        ],
        requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
        load: { type: "open", ratePerSec: RATE, client: { node: 0, meshed: true } },
        traffic: [{ host: "back", routes: [{ backends: [{ service: "back", weight: 1 }] }], outlierDetection: { consecutive5xx: 3 } }],
      },
      "",
    );
    const istio = (await runs(scenario, ["istio"])).get("istio")!;
    const zonePair = (to: string) => istio.zoneTraffic!.pairs.find((pair) => pair.from === "east/zone-a" && pair.to === to)?.callsPerSec ?? 0;
    expect(zonePair("east/zone-b")).toBeGreaterThan(RATE * 0.8);
    expect(zonePair("west/zone-a")).toBeLessThan(RATE * 0.05);
    expect(istio.requests.failed).toBeLessThan(10);
  }, 60_000);
});

describe("clusters: determinism", () => {
  it("gives byte-identical results (outside meta) with 1 and 2 workers", async () => {
    const scenario = twoClusters({ west: { failAtS: 2 } });
    const plan = { scenario, meshes: ["istio", "linkerd2"], rates: [RATE], durationS: 4, warmupS: 0.5, replications: 2, seed: 9 };
    const one = await runScenario(plan, { workers: 1 });
    const two = await runScenario(plan, { workers: 2 });
    expect(JSON.stringify({ ...two, meta: undefined })).toBe(JSON.stringify({ ...one, meta: undefined }));
    expect(one.runs[0].clusterTraffic).toBeDefined();
  }, 60_000);
});

