/**
 * Zones end to end: with k equal zones and zone-blind routing the share of calls crossing zones is
 * (k-1)/k within sampling error; with locality-aware routing it is 0 until a zone's replicas fail,
 * when the mesh's failover moves the calls (and kube-proxy's preference does not); and every call to
 * another zone pays that zone's round trip.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunSummary } from "../../../src/runner/index.js";

const constant = (valueMs: number) => ({ type: "constant", valueMs });

/** front (one replica per zone) calls back (two per zone); the load generator sits on node 0. */
function zonedShop(zones: number, options: { front?: object; back?: object; traffic?: object[]; meshedClient?: boolean; network?: object } = {}) {
  return parseScenario(
    "zoned-shop.yaml",
    {
      name: "zoned-shop",
      cluster: { nodes: 2 * zones, zones, ...(options.network ? { network: options.network } : {}) },
      services: [
        { name: "front", replicas: zones, concurrency: 16, serviceTime: { type: "exponential", meanMs: 0.5 }, ...options.front },
        { name: "back", replicas: 2 * zones, concurrency: 16, serviceTime: { type: "exponential", meanMs: 0.5 }, ...options.back },
      ],
      requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
      load: { type: "open", ratePerSec: 300, client: { node: 0, meshed: options.meshedClient ?? false } },
      ...(options.traffic ? { traffic: options.traffic } : {}),
    },
    "",
  );
}

async function runs(scenario: ReturnType<typeof zonedShop>, meshes: string[], durationS = 5): Promise<Map<string, RunSummary>> {
  const document = await runScenario({ scenario, meshes, rates: [300], durationS, warmupS: 0.5, replications: 1, seed: 3 }, { workers: 1 });
  return new Map(document.runs.map((run) => [run.mesh, run]));
}

/** Calls per second from `from` to `to` (0 when the pair saw none). */
function callsPerSec(run: RunSummary, from: string, to: string): number {
  return run.zoneTraffic!.pairs.find((pair) => pair.from === from && pair.to === to)?.callsPerSec ?? 0;
}

const rule = (host: string, extra: object) => ({ host, routes: [{ backends: [{ service: host, weight: 1 }] }], ...extra });

describe("zones: the cross-zone share", () => {
  it.each([2, 3, 4])("with %i equal zones and zone-blind routing, (k-1)/k of the calls cross zones, under no mesh and Istio", async (zones) => {
    const results = await runs(zonedShop(zones), ["none", "istio"]);
    for (const run of results.values()) {
      // About 3,000 calls: the binomial standard error is under 0.01; four of them.
      expect(Math.abs(run.zoneTraffic!.crossZoneShare - (zones - 1) / zones)).toBeLessThan(0.04);
      expect(run.zoneTraffic!.crossZoneGbPerMonth).toBeGreaterThan(0);
    }
  });

  it("with trafficDistribution: PreferClose on both services, kube-proxy keeps every call in its zone: share 0 and no cross-zone bytes", async () => {
    const run = (await runs(zonedShop(3, { front: { trafficDistribution: "PreferClose" }, back: { trafficDistribution: "PreferClose" } }), ["none"])).get("none")!;
    expect(run.zoneTraffic!.crossZoneShare).toBe(0);
    expect(run.zoneTraffic!.crossZoneGbPerMonth).toBe(0);
  });

  it("Istio's locality load balancing (outlier detection set) keeps a meshed caller's calls in its zone; without outlier detection it does not", async () => {
    const outlier = { outlierDetection: { consecutive5xx: 3 } };
    const local = await runs(zonedShop(3, { meshedClient: true, traffic: [rule("front", outlier), rule("back", outlier)] }), ["istio"]);
    expect(local.get("istio")!.zoneTraffic!.crossZoneShare).toBe(0);
    const asked = await runs(zonedShop(3, { meshedClient: true, traffic: [rule("front", { localityLoadBalancing: true }), rule("back", { localityLoadBalancing: true })] }), ["istio"]);
    expect(asked.get("istio")!.zoneTraffic!.crossZoneShare).toBeGreaterThan(0.6);
    expect(asked.get("istio")!.warnings.some((warning) => warning.includes("applies only with outlier detection"))).toBe(true);
  });

  it("under Cilium a meshed caller's calls bypass the rules through its datapath, which ignores PreferClose (enable-service-topology is off): zone-blind", async () => {
    const scenario = zonedShop(3, { meshedClient: true, front: { trafficDistribution: "PreferClose" }, back: { trafficDistribution: "PreferClose" }, traffic: [rule("back", { outlierDetection: { consecutive5xx: 3 } })] });
    const results = await runs(scenario, ["none", "cilium", "istio-ambient"]);
    expect(results.get("none")!.zoneTraffic!.crossZoneShare).toBe(0);
    expect(Math.abs(results.get("cilium")!.zoneTraffic!.crossZoneShare - 2 / 3)).toBeLessThan(0.04);
    // ztunnel follows trafficDistribution.
    expect(results.get("istio-ambient")!.zoneTraffic!.crossZoneShare).toBe(0);
  });

  it("Kuma keeps calls in their zone only when the rule asks (localityLoadBalancing: true)", async () => {
    const asked = await runs(zonedShop(3, { meshedClient: true, traffic: [rule("front", { localityLoadBalancing: true }), rule("back", { localityLoadBalancing: true })] }), ["kuma"]);
    expect(asked.get("kuma")!.zoneTraffic!.crossZoneShare).toBe(0);
  });
});

describe("zones: failover", () => {
  // back's replicas go to zones in turn after front's, so back[0] and back[3] are zone-a's (checked below).
  const outage = { failures: { outages: [{ replica: 0, startS: 0, endS: 100 }, { replica: 3, startS: 0, endS: 100 }] } };

  it("zone-a's back replicas refusing connections: Istio's outlier detection ejects them and zone-a's calls fail over to the other zones", async () => {
    const scenario = zonedShop(3, { meshedClient: true, back: outage, traffic: [rule("front", { outlierDetection: { consecutive5xx: 1 } }), rule("back", { outlierDetection: { consecutive5xx: 1, maxEjectionPercent: 100 } })] });
    const { nodeZone } = scenario.topology.cluster.zones!;
    expect([0, 3].map((replica) => nodeZone[scenario.topology.services[1].placement[replica]])).toEqual([0, 0]);
    const istio = (await runs(scenario, ["istio"])).get("istio")!;
    expect(callsPerSec(istio, "zone-a", "zone-b") + callsPerSec(istio, "zone-a", "zone-c")).toBeGreaterThan(200);
    expect(istio.requests.failed / (istio.requests.completed + istio.requests.failed)).toBeLessThan(0.01);
  });

  it("the same outage under kube-proxy's PreferClose: calls keep going to zone-a's dead replicas and fail", async () => {
    const scenario = zonedShop(3, { front: { trafficDistribution: "PreferClose" }, back: { ...outage, trafficDistribution: "PreferClose" } });
    const none = (await runs(scenario, ["none"])).get("none")!;
    expect(none.zoneTraffic!.crossZoneShare).toBe(0);
    // Every request enters in zone-a (the load generator's zone) and its call to back stays there.
    expect(none.requests.failed / (none.requests.completed + none.requests.failed)).toBeGreaterThan(0.9);
  });
});

describe("zones: distance", () => {
  /** One call from the load generator (node 0, zone-a) to one server replica in `zone`. */
  function oneHop(zone: string, crossZoneRttMs: number) {
    return parseScenario(
      "hop.yaml",
      {
        name: "hop",
        cluster: { nodes: 2, zones: ["zone-a", "zone-b"], network: { crossZoneRttMs, crossNodeRttMs: 0.2 } },
        services: [{ name: "server", zones: { [zone]: 1 }, concurrency: 64, serviceTime: constant(1) }],
        requestTypes: [{ name: "get", entry: "server" }],
        load: { type: "open", arrival: "uniform", ratePerSec: 20 },
      },
      "",
    );
  }

  async function p50(zone: string, crossZoneRttMs: number): Promise<number> {
    const document = await runScenario({ scenario: oneHop(zone, crossZoneRttMs), meshes: ["none"], rates: [20], durationS: 5, warmupS: 0.5, replications: 1, seed: 1 }, { workers: 1 });
    return document.runs[0].latencyMs.p50;
  }

  it("a call to another zone pays crossZoneRttMs: raising it by 2 ms adds 2 ms; a call within the zone does not move", async () => {
    expect((await p50("zone-b", 3)) - (await p50("zone-b", 1))).toBeCloseTo(2, 1);
    expect(await p50("zone-a", 3)).toBe(await p50("zone-a", 1));
  });
});
