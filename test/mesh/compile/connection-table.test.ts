// buildConnectionTable: each pod pair's pool, numbered in the order the pairs first meet its key,
// whether keys name two pods (a pool per pair) or two nodes' proxies (a pool many pairs share).

import { describe, expect, it } from "vitest";
import { buildConnectionTable, type ConnectionFacts } from "../../../src/mesh/compile/connection-table.js";
import { poolKey, type DataPlane } from "../../../src/mesh/compile/data-plane/data-plane.js";
import { PodPairs } from "../../../src/mesh/compile/pod-pairs.js";

const PODS = 4;
const NODES = 2;
/** Pods 0 and 1 on node 0, pods 2 and 3 on node 1. */
const nodeOf = (pod: number) => (pod < 2 ? 0 : 1);

/**
 * Pod 0 is the load generator's (never a callee); pods 1, 2 and 3 are services 0, 1 and 2, and
 * every caller calls all three.
 */
const pairs = new PodPairs({ podService: Int32Array.of(-1, 0, 1, 2), servicePods: [Int32Array.of(1), Int32Array.of(2), Int32Array.of(3)] }, [
  [0, 1, 2],
  [0, 1, 2],
  [0, 1, 2],
  [0, 1, 2],
]);

const facts: ConnectionFacts = {
  pairs,
  isMeshed: () => true,
  mtlsModeOf: () => "off",
  allowFromOf: () => undefined,
  labelOf: (pod) => `pod-${pod}`,
};

/** Calls to pod 3 ride a multiplexed connection between the two nodes' proxies; the others, one of their own per pod pair. */
const dataPlane: DataPlane = {
  requestSteps: () => [],
  responseSteps: () => [],
  connection: (caller, callee) =>
    callee === 3
      ? { key: poolKey({ podCount: PODS, nodeCount: NODES }, "node-proxies", nodeOf(caller), nodeOf(callee)), multiplexed: true, pooledByProxies: true, betweenProxies: true }
      : { key: poolKey({ podCount: PODS, nodeCount: NODES }, "pods", caller, callee), multiplexed: false, pooledByProxies: false, betweenProxies: false },
};

describe("buildConnectionTable", () => {
  const table = buildConnectionTable(facts, dataPlane, undefined);
  const poolOf = (caller: number, callee: number) => table.pairPool[pairs.index(caller, callee)];

  it("numbers pools as the pairs, caller by caller, first meet their keys", () => {
    // Caller 0: (0,1) (0,2) (0,3 via nodes 0-1); caller 1: (1,1) (1,2), (1,3) shares nodes 0-1; caller 2: (2,1) (2,2) (2,3 via nodes 1-1).
    expect([poolOf(0, 1), poolOf(0, 2), poolOf(0, 3), poolOf(1, 1), poolOf(1, 2), poolOf(1, 3), poolOf(2, 1), poolOf(2, 2), poolOf(2, 3)]).toEqual([0, 1, 2, 3, 4, 2, 5, 6, 7]);
    // Caller 3: (3,1) (3,2), and (3,3) shares nodes 1-1.
    expect([poolOf(3, 1), poolOf(3, 2), poolOf(3, 3)]).toEqual([8, 9, 7]);
    expect(table.poolCount).toBe(10);
  });

  it("gives a pod pair's key a pool of its own, and a node pair's key one pool for every pair it covers", () => {
    // Callers on node 0 (pods 0, 1) reach pod 3 through one pool; callers on node 1 (pods 2, 3) through another.
    expect([...table.poolPairs]).toEqual([1, 1, 2, 1, 1, 1, 1, 2, 1, 1]);
    expect(table.poolMultiplexed[poolOf(0, 3)]).toBe(1);
    expect(table.poolMultiplexed[poolOf(0, 2)]).toBe(0);
    expect(table.poolMultiplexed.length).toBe(table.poolCount);
  });

  it("holds the pairs a call can take, and none with the load generator's pod as the callee", () => {
    expect(table.pairPool.length).toBe(PODS * 3);
    for (let caller = 0; caller < PODS; caller++) expect(pairs.index(caller, 0)).toBeLessThan(0);
  });
});
