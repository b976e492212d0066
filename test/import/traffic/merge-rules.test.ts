// Tests for merge-rules.ts, through importTrafficConfig: a host's route resource and
// DestinationRule combine across files, subset policies merge where routes use them, and two
// resources of one kind for one host are refused naming both.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

const VS_90_10 = fixture("virtual-service-reviews-90-10.yaml");

/** A DestinationRule for reviews with its v1 and v3 subsets, each followed by `v1Extra`/`v3Extra`. */
function reviewsRule(top: string, v1Extra = "", v3Extra = ""): string {
  return scratch.write(
    "reviews-dr.yaml",
    `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: reviews }\nspec:\n  host: reviews\n${top}  subsets:\n  - name: v1\n    labels: { version: v1 }\n${v1Extra}  - name: v2\n    labels: { version: v2 }\n    trafficPolicy: { loadBalancer: { simple: RANDOM } }\n  - name: v3\n    labels: { version: v3 }\n${v3Extra}`,
  );
}

describe("mergeRules", () => {
  it("combines a VirtualService and a DestinationRule of one host from two files into one rule", () => {
    const rule = reviewsRule("  trafficPolicy:\n    loadBalancer: { simple: LEAST_REQUEST }\n    connectionPool: { http: { http2MaxRequests: 64 } }\n");
    const { rules } = importTrafficConfig([VS_90_10, rule], SERVICES);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      host: "reviews",
      routes: [{ backends: [{ service: "reviews-v1", weight: 90 }, { service: "reviews-v3", weight: 10 }] }],
      loadBalancer: "least-request",
      circuitBreaker: { maxRequests: 64 },
      source: `${VS_90_10}: VirtualService reviews + ${rule}: DestinationRule reviews`,
    });
  });

  it("lists the policy of a subset no route uses as ignored, naming the DestinationRule", () => {
    const rule = reviewsRule("  trafficPolicy: { loadBalancer: { simple: LEAST_REQUEST } }\n");
    expect(importTrafficConfig([VS_90_10, rule], SERVICES).rules[0].ignored).toEqual([
      "DestinationRule reviews: spec.subsets[1].trafficPolicy (no route sends calls to subset v2, and Istio applies subset policies to routed calls only)",
    ]);
  });

  it("merges subset policies into the rule when every routed subset agrees, whole sections replacing the top level", () => {
    const sameOutlier = "    trafficPolicy: { outlierDetection: { consecutive5xxErrors: 2 } }\n";
    const rule = reviewsRule("  trafficPolicy:\n    loadBalancer: { simple: ROUND_ROBIN }\n    outlierDetection: { consecutive5xxErrors: 9, interval: 1s }\n", sameOutlier, sameOutlier);
    const [merged] = importTrafficConfig([VS_90_10, rule], SERVICES).rules;
    expect(merged.loadBalancer).toBe("round-robin");
    expect(merged.outlierDetection).toEqual({ consecutive5xx: 2 });
  });

  it("refuses routed subsets whose policies differ, naming the DestinationRule field and the route", () => {
    const rule = reviewsRule("", "    trafficPolicy: { loadBalancer: { simple: RANDOM } }\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([VS_90_10, rule], SERVICES)).message).toBe(
      `${rule}: DestinationRule reviews spec.subsets[2].trafficPolicy (line 13) gives calls to reviews a different policy (subset v3) than subset v1, and VirtualService reviews (${VS_90_10}) routes calls to both; a traffic rule has one policy per host`,
    );
  });

  it("sums the weights of one service named twice in a route, as the meshes split by their sum, and says so (a scenario lists each backend once)", () => {
    // Istio: calls to the reviews Service (its three versions) and to subset v1 besides.
    const split = scratch.write(
      "reviews-twice.yaml",
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: reviews }\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: { host: reviews, subset: v1 }\n      weight: 40\n    - destination: { host: reviews, subset: v3 }\n      weight: 20\n    - destination: { host: reviews, subset: v1 }\n      weight: 40\n",
    );
    const { rules } = importTrafficConfig([split, reviewsRule("")], SERVICES);
    expect(rules[0].routes[0].backends).toEqual([{ service: "reviews-v1", weight: 80 }, { service: "reviews-v3", weight: 20 }]);
    expect(rules[0].note).toContain("reviews-v1 named twice in routes[0], as one backend of their summed weight (80)");
  });

  it("refuses two route resources for one host, naming both", () => {
    const gamma = fixture("gamma-http-route.yaml");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([VS_90_10, gamma], SERVICES)).message).toBe(
      `${gamma}: HTTPRoute reviews-canary spec.parentRefs[0].name (line 43) routes calls to reviews, as VirtualService reviews (${VS_90_10}) does; merge them into one route resource per host`,
    );
  });

  it("refuses two DestinationRules for one host, naming both", () => {
    const all = fixture("destination-rule-all.yaml");
    const rule = reviewsRule("");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([all, rule], SERVICES)).message).toBe(
      `${rule}: DestinationRule reviews spec.host (line 5) sets policies for reviews, as DestinationRule reviews (${all}) does; merge them into one DestinationRule per host`,
    );
  });

  it("routes a DestinationRule's host to itself, or over its app's services, when no route resource names it", () => {
    const ratings = scratch.write("ratings-dr.yaml", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: ratings }\nspec:\n  host: ratings\n  trafficPolicy: { loadBalancer: { simple: RANDOM } }\n");
    const reviews = reviewsRule("  trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } }\n");
    const rules = importTrafficConfig([ratings, reviews], SERVICES).rules;
    expect(rules.map((rule) => [rule.host, rule.routes])).toEqual([
      ["ratings", [{ backends: [{ service: "ratings" }] }]],
      ["reviews", [{ backends: [{ service: "reviews-v1", weight: 1 / 3 }, { service: "reviews-v2", weight: 1 / 3 }, { service: "reviews-v3", weight: 1 / 3 }] }]],
    ]);
  });

  it("skips a DestinationRule with subsets only when no route uses them", () => {
    const all = fixture("destination-rule-all.yaml");
    expect(importTrafficConfig([VS_90_10, all], SERVICES).skipped).toEqual([
      `${all}: DestinationRule productpage (no policy, and no imported route uses its subsets)`,
      `${all}: DestinationRule ratings (no policy, and no imported route uses its subsets)`,
      `${all}: DestinationRule details (no policy, and no imported route uses its subsets)`,
    ]);
  });

  it("refuses a subset policy for calls another host's route sends there", () => {
    const rule = reviewsRule("", "    trafficPolicy: { loadBalancer: { simple: RANDOM } }\n");
    const virtual = scratch.write(
      "front.yaml",
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: front }\nspec:\n  hosts: [front]\n  http:\n  - route:\n    - destination: { host: reviews, subset: v1 }\n",
    );
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([virtual, rule], SERVICES)).message).toBe(
      `${rule}: DestinationRule reviews spec.subsets[0].trafficPolicy (line 9) applies to calls VirtualService front (${virtual}) routes from front to subset v1, while a traffic rule's policies apply to its own host (reviews) only`,
    );
  });
});
