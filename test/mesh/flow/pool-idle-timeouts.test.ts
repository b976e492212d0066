import { describe, expect, it } from "vitest";
import type { ConnectionTable } from "../../../src/mesh/compile/connection-table.js";
import { createIdleTimeouts, poolIdleTimeoutsMs } from "../../../src/mesh/flow/pool-idle-timeouts.js";
import { PodPairs } from "../../../src/mesh/compile/pod-pairs.js";
import { profileOf } from "../compile/data-plane/_one-call.js";

/**
 * Three pods: the load generator (0) and two servers (1, 2). Pairs 0>1 and 0>2 share pool 0
 * (app to app); pair 1>2 has pool 1, pooled by the proxies; pair 2>1 has pool 2 and the pods'
 * calls to themselves pool 3 (app to app).
 */
function facts(serverIdleMs: number[]) {
  // Pod 0 calls pods 1 and 2 (services 0 and 1), and each server calls both.
  const pairs = new PodPairs({ podService: Int32Array.of(-1, 0, 1), servicePods: [Int32Array.of(1), Int32Array.of(2)] }, [[0, 1], [0, 1], [0, 1]]);
  const pairPool = new Int32Array(pairs.count).fill(-1);
  const pairPooledByProxies = new Uint8Array(pairs.count);
  pairPool[pairs.index(0, 1)] = 0;
  pairPool[pairs.index(0, 2)] = 0;
  pairPool[pairs.index(1, 2)] = 1;
  pairPooledByProxies[pairs.index(1, 2)] = 1;
  pairPool[pairs.index(2, 1)] = 2;
  pairPool[pairs.index(1, 1)] = 3;
  pairPool[pairs.index(2, 2)] = 3;
  const connections = { poolCount: 4, pairPool, pairPooledByProxies } as unknown as ConnectionTable;
  return { now: 42, pairs, podKeepAliveIdleMs: Float64Array.from([Infinity, ...serverIdleMs]), connections };
}

describe("poolIdleTimeoutsMs", () => {
  it("gives proxy-pooled pairs the proxies' timeout and app-to-app pairs the server app's; a shared pool the shortest", () => {
    expect([...poolIdleTimeoutsMs(facts([5000, 2000]), 3_600_000)]).toEqual([2000, 3_600_000, 5000, 2000]);
  });

  it("is Infinity where neither the proxies nor the apps close idle connections", () => {
    expect([...poolIdleTimeoutsMs(facts([Infinity, Infinity]), Infinity)]).toEqual([Infinity, Infinity, Infinity, Infinity]);
  });
});

describe("createIdleTimeouts", () => {
  it("reads the proxies' timeout from the profile's dataPlane.idleTimeoutMs and the time from the network", () => {
    const options = createIdleTimeouts(facts([Infinity, Infinity]), profileOf("sidecar", { idleTimeoutMs: 5000 }));
    expect([...options.idleTimeoutMs]).toEqual([Infinity, 5000, Infinity, Infinity]);
    expect(options.now()).toBe(42);
  });

  it("a profile without dataPlane.idleTimeoutMs never closes the proxies' pools", () => {
    expect(createIdleTimeouts(facts([Infinity, Infinity]), profileOf("none", undefined)).idleTimeoutMs[1]).toBe(Infinity);
  });
});
