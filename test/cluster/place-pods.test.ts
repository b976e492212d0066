/**
 * placePods: round-robin spreading over the nodes in service order, listed nodes cycled over a
 * service's replicas, and external services outside every node.
 */

import { describe, expect, it } from "vitest";
import { EXTERNAL_NODE, placePods } from "../../src/cluster/index.js";

const inCluster = (replicas: number, nodes?: number[]) => ({ replicas, external: false, ...(nodes ? { nodes } : {}) });
const external = (replicas: number) => ({ replicas, external: true });

describe("placePods", () => {
  it.each([
    { what: "one service on one node", services: [inCluster(3)], nodeCount: 1, placement: [[0, 0, 0]] },
    { what: "one service with more replicas than nodes", services: [inCluster(5)], nodeCount: 3, placement: [[0, 1, 2, 0, 1]] },
    { what: "services in file order, going on where the previous stopped", services: [inCluster(2), inCluster(2), inCluster(1)], nodeCount: 3, placement: [[0, 1], [2, 0], [1]] },
    { what: "the documented example", services: [inCluster(2), inCluster(1)], nodeCount: 2, placement: [[0, 1], [0]] },
  ])("placePods($what) spreads replicas round-robin", ({ services, nodeCount, placement }) => {
    expect(placePods(services, nodeCount)).toEqual(placement);
  });

  it("placePods(a service with a nodes list) cycles its replicas over the list", () => {
    expect(placePods([inCluster(5, [2, 0])], 3)).toEqual([[2, 0, 2, 0, 2]]);
  });

  it("placePods(listed and external services between spread ones) leaves the round robin where it was", () => {
    const placement = placePods([inCluster(1), inCluster(2, [3]), external(2), inCluster(3)], 4);
    expect(placement).toEqual([[0], [3, 3], [EXTERNAL_NODE, EXTERNAL_NODE], [1, 2, 3]]);
  });

  it("placePods(an external service) puts every replica on EXTERNAL_NODE, even with a nodes list", () => {
    expect(placePods([{ replicas: 2, external: true, nodes: [1] }], 3)).toEqual([[EXTERNAL_NODE, EXTERNAL_NODE]]);
    expect(EXTERNAL_NODE).toBe(-1);
  });

  it("placePods(no services) is an empty list; a service of 0 replicas an empty placement", () => {
    expect(placePods([], 3)).toEqual([]);
    expect(placePods([inCluster(0), inCluster(1)], 3)).toEqual([[], [0]]);
  });

  it("placePods(the same input twice) gives the same placement: it keeps no state between calls", () => {
    const services = [inCluster(2), inCluster(2)];
    expect(placePods(services, 3)).toEqual(placePods(services, 3));
    expect(placePods(services, 3)).toEqual([[0, 1], [2, 0]]);
  });
});

describe("placePods with zones", () => {
  const perZone = (zoneReplicas: number[]) => ({ replicas: zoneReplicas.reduce((a, b) => a + b, 0), external: false, zoneReplicas });

  it("placePods(3 replicas, 4 nodes in 2 zones) takes the zones in turn, then each zone's nodes", () => {
    expect(placePods([inCluster(3)], 4, [0, 1, 0, 1])).toEqual([[0, 1, 2]]);
  });

  it("placePods(5 nodes in 3 zones, node 3 in zone 0) gives every zone the same replicas, not every node", () => {
    // Node round robin would give zone 0 nodes 0 and 3 (two of four replicas); zone spread gives each zone one first.
    const placement = placePods([inCluster(3)], 5, [0, 1, 2, 0, 1]);
    expect(placement[0].map((node) => [0, 1, 2, 0, 1][node])).toEqual([0, 1, 2]);
  });

  it("placePods(services in file order) goes on with the zone after the previous service's last", () => {
    expect(placePods([inCluster(2), inCluster(2)], 3, [0, 1, 2])).toEqual([[0, 1], [2, 0]]);
  });

  it("placePods(replicas per zone) puts each zone's count on that zone's nodes", () => {
    const nodeZone = [0, 0, 1, 1, 2, 2];
    const [placement] = placePods([perZone([2, 0, 1])], 6, nodeZone);
    expect(placement.map((node) => nodeZone[node])).toEqual([0, 0, 2]);
    expect(new Set(placement.slice(0, 2)).size).toBe(2);
  });

  it("placePods(zones, external and listed services) keeps them where they were", () => {
    expect(placePods([inCluster(2, [1]), external(1)], 2, [0, 1])).toEqual([[1, 1], [EXTERNAL_NODE]]);
  });
});
