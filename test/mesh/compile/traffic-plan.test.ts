import { describe, expect, it } from "vitest";
import { NO_MESH, measured, runTraffic, trafficMesh } from "../flow/traffic/_traffic-run.js";
import { localityInEffect } from "../../../src/mesh/compile/traffic-plan.js";

const exp = (meanMs: number) => ({ type: "exponential", meanMs });

/** front calls `reviews`, a virtual host over v1 (2 replicas) and v2 (1 replica). */
function canary(traffic: object[], options: { clientMeshed?: boolean; frontMeshed?: boolean; headers?: Record<string, string> } = {}) {
  return {
    name: "canary",
    cluster: { nodes: 2 },
    services: [
      { name: "front", concurrency: 64, serviceTime: exp(0.5), meshed: options.frontMeshed ?? true },
      { name: "reviews-v1", replicas: 2, concurrency: 16, serviceTime: exp(1) },
      { name: "reviews-v2", concurrency: 16, serviceTime: exp(1) },
    ],
    requestTypes: [
      { name: "page", entry: "front", calls: [{ call: "reviews" }], ...(options.headers ? { headers: options.headers } : {}) },
    ],
    traffic,
    load: { type: "open", ratePerSec: 200, client: { meshed: options.clientMeshed ?? true } },
  };
}

const SPLIT_90_10 = [{ host: "reviews", routes: [{ backends: [{ service: "reviews-v1", weight: 90 }, { service: "reviews-v2", weight: 10 }] }] }];

describe("traffic plan: routes and splits", () => {
  it("a meshed caller's proxy splits calls by weight, within binomial bounds", () => {
    const result = runTraffic(canary(SPLIT_90_10), trafficMesh(), 200);
    const host = result.traffic!.hosts[0];
    const total = host.applied;
    expect(host.bypassed).toBe(0);
    expect(total).toBeGreaterThan(3000);
    const share = host.byBackend["reviews-v2"] / total;
    const sigma = Math.sqrt((0.1 * 0.9) / total);
    expect(Math.abs(share - 0.1)).toBeLessThan(4 * sigma);
  });

  it("an unmeshed caller bypasses the split: kube-proxy spreads calls over every backend pod (2/3 to v1, 1/3 to v2)", () => {
    const result = runTraffic(canary(SPLIT_90_10, { frontMeshed: false }), trafficMesh(), 200);
    const host = result.traffic!.hosts[0];
    expect(host.applied).toBe(0);
    const total = host.bypassed;
    const share = host.byBackend["reviews-v2"] / total;
    const sigma = Math.sqrt(((1 / 3) * (2 / 3)) / total);
    expect(Math.abs(share - 1 / 3)).toBeLessThan(4 * sigma);
  });

  it("with no mesh nothing applies the rule", () => {
    const result = runTraffic(canary(SPLIT_90_10), NO_MESH, 200);
    const host = result.traffic!.hosts[0];
    expect(host.applied).toBe(0);
    expect(host.bypassed).toBeGreaterThan(3000);
  });

  it("a mesh that applies rules only through an L7 proxy bypasses them without one", () => {
    const scenario = canary(SPLIT_90_10);
    const ambientLike = { ...trafficMesh({ needsL7: true }) };
    expect(runTraffic(scenario, ambientLike, 200).traffic!.hosts[0].applied).toBe(0);
    const withWaypoint = runTraffic({ ...scenario, mesh: { l7: true } }, ambientLike, 200).traffic!.hosts[0];
    expect(withWaypoint.bypassed).toBe(0);
  });

  it("a header route takes the request types that carry the header (names case-insensitive); the others take the next route", () => {
    const rule = [
      {
        host: "reviews",
        routes: [
          { match: { headers: { "end-user": "jason" } }, backends: [{ service: "reviews-v2" }] },
          { backends: [{ service: "reviews-v1" }] },
        ],
      },
    ];
    const jason = runTraffic(canary(rule, { headers: { "End-User": "jason" } }), trafficMesh(), 200).traffic!.hosts[0];
    expect(Object.keys(jason.byBackend)).toEqual(["reviews-v2"]);
    const others = runTraffic(canary(rule, { headers: { "end-user": "ann" } }), trafficMesh(), 200).traffic!.hosts[0];
    expect(Object.keys(others.byBackend)).toEqual(["reviews-v1"]);
  });

  it("a request no route matches fails with no-route (404)", () => {
    const rule = [{ host: "reviews", routes: [{ match: { headers: { "end-user": "jason" } }, backends: [{ service: "reviews-v2" }] }] }];
    const result = runTraffic(canary(rule), trafficMesh(), 200);
    expect(result.requests.completed).toBe(0);
    expect(result.requests.failedByReason["no-route"]).toBe(measured(result));
  });

  it("the load generator's own call to a split host is split when it is meshed", () => {
    const scenario = canary(SPLIT_90_10);
    scenario.requestTypes = [{ name: "direct", entry: "reviews", calls: [] } as never];
    const host = runTraffic(scenario, trafficMesh(), 200).traffic!.hosts[0];
    expect(host.byBackend["reviews-v2"] / host.applied).toBeCloseTo(0.1, 1);
  });
});

describe("traffic plan: localityInEffect", () => {
  const outlier = { consecutive5xx: 5, intervalMs: 10_000, baseEjectionMs: 30_000, maxEjectionPercent: 10 };
  const rule = (extra: Record<string, unknown>) => ({ host: "api", routes: [], source: "traffic[0]", ...extra }) as never;
  const traffic = (loadBalancing: "none" | "on-request" | "with-outlier-detection") => ({ locality: { loadBalancing, honors: [] } }) as never;

  it.each([
    { what: "Istio's with outlier detection", mesh: "with-outlier-detection", extra: { outlierDetection: outlier }, on: true },
    { what: "Istio's without outlier detection, though asked", mesh: "with-outlier-detection", extra: { localityLoadBalancing: true }, on: false },
    { what: "Istio's turned off", mesh: "with-outlier-detection", extra: { outlierDetection: outlier, localityLoadBalancing: false }, on: false },
    { what: "Kuma's asked for", mesh: "on-request", extra: { localityLoadBalancing: true }, on: true },
    { what: "Kuma's with outlier detection only", mesh: "on-request", extra: { outlierDetection: outlier }, on: false },
    { what: "a mesh without one", mesh: "none", extra: { localityLoadBalancing: true, outlierDetection: outlier }, on: false },
  ] as const)("localityInEffect($what) is $on", ({ mesh, extra, on }) => {
    expect(localityInEffect(traffic(mesh), rule(extra))).toBe(on);
  });

  it("localityInEffect(no rule) is off whatever the mesh", () => {
    expect(localityInEffect(traffic("with-outlier-detection"), undefined)).toBe(false);
  });
});
