// calleeServices: who can call whom, the call trees walked with a traffic rule's host spread over
// every service behind it (every route's backends, and the host when it is a service), a host's
// callees calling what the call under it calls; podPairsInto: the pod pairs those calls can take, by callee.

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { calleeServices, LOAD_GENERATOR_CALLER, podPairsInto } from "../../../src/mesh/index.js";

const constant = { type: "constant", valueMs: 1 };

/**
 * Services 0 front (3 replicas), 1 reviews (2), 2 reviews-v2 (1), 3 ratings (4), 4 db (1), 5 idle (2).
 * front calls the host "reviews", a rule over reviews (weight 100) and reviews-v2 (weight 0, on a
 * second route); what the call to reviews calls (ratings) is called by both. A second request
 * type enters at ratings, whose parallel group calls db. Nothing calls idle.
 */
function shop() {
  return parseScenario("shop.yaml", {
    name: "shop",
    services: [
      { name: "front", replicas: 3, serviceTime: constant },
      { name: "reviews", replicas: 2, serviceTime: constant },
      { name: "reviews-v2", serviceTime: constant },
      { name: "ratings", replicas: 4, serviceTime: constant },
      { name: "db", serviceTime: constant },
      { name: "idle", replicas: 2, serviceTime: constant },
    ],
    requestTypes: [
      { name: "page", entry: "front", calls: [{ call: "reviews", calls: [{ call: "ratings" }] }] },
      { name: "rate", entry: "ratings", calls: [{ parallel: [{ call: "db" }, { call: "db" }] }] },
    ],
    load: { type: "open", ratePerSec: 10 },
    traffic: [
      {
        host: "reviews",
        routes: [
          { match: { headers: { "x-canary": "1" } }, backends: [{ service: "reviews-v2" }] },
          { backends: [{ service: "reviews", weight: 100 }] },
        ],
      },
    ],
  }, "").topology;
}

describe("calleeServices", () => {
  const callees = calleeServices(shop());

  it("gives the load generator the entry services and each service what its calls can reach", () => {
    expect(callees[LOAD_GENERATOR_CALLER]).toEqual([0, 3]);
    // front calls the rule's host: reviews itself and every route's backend, reviews-v2 too.
    expect(callees[1 + 0]).toEqual([1, 2]);
    // What the call to the host calls, each service behind the host calls.
    expect(callees[1 + 1]).toEqual([3]);
    expect(callees[1 + 2]).toEqual([3]);
    // A group's calls are its enclosing call's.
    expect(callees[1 + 3]).toEqual([4]);
    expect(callees[1 + 4]).toEqual([]);
    expect(callees[1 + 5]).toEqual([]);
  });

  it("podPairsInto multiplies each caller's pods by its callees' pods, by callee", () => {
    const pods = [3, 2, 1, 4, 1, 2];
    // front: the load generator's 1 x 3; reviews: front's 3 x 2; reviews-v2: 3 x 1; ratings: the load
    // generator's 1 x 4, reviews' 2 x 4, reviews-v2's 1 x 4; db: ratings' 4 x 1; idle: none.
    expect([...podPairsInto(callees, pods, 1)]).toEqual([3, 6, 3, 4 + 8 + 4, 4, 0]);
    // Behind a gateway of two replicas the load generator is two pods.
    expect([...podPairsInto(callees, pods, 2)]).toEqual([6, 6, 3, 8 + 8 + 4, 4, 0]);
  });
});
