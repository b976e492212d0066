/**
 * For every (caller pod, callee pod) pair: which connection pool its calls use, whether the
 * mesh's proxies pool it whatever the app does, and its mTLS state. Pools are shared by all
 * pairs with the same two ends (two ztunnels serve many pod pairs).
 */

import type { DataPlane } from "./data-plane/data-plane.js";
import { mtlsStateOf } from "./mtls-policy.js";
import type { MtlsMode, SecurityProfile } from "./mesh-profile.js";

export interface ConnectionTable {
  poolCount: number;
  /** Pool of each pair (caller * podCount + callee). */
  pairPool: Int32Array;
  /** TLS_PLAIN, TLS_MUTUAL or TLS_REFUSED per pair. */
  pairTls: Uint8Array;
  /** 1 when the pair's connections stay open whatever the caller app does. */
  pairPooledByProxies: Uint8Array;
  poolMultiplexed: Uint8Array;
}

export interface ConnectionFacts {
  podCount: number;
  isMeshed(pod: number): boolean;
  /** The mTLS mode of the pod's service (the load generator is never a server). */
  mtlsModeOf(pod: number): MtlsMode;
}

/** Builds the table from the data plane's connection specs and the mesh's mTLS rules. */
export function buildConnectionTable(facts: ConnectionFacts, dataPlane: DataPlane, security: SecurityProfile | undefined): ConnectionTable {
  const { podCount } = facts;
  const pairs = podCount * podCount;
  const pairPool = new Int32Array(pairs).fill(-1);
  const pairTls = new Uint8Array(pairs);
  const pairPooledByProxies = new Uint8Array(pairs);
  const pools = new Map<string, number>();
  const multiplexed: number[] = [];
  for (let caller = 0; caller < podCount; caller++) {
    for (let callee = 1; callee < podCount; callee++) {
      const pair = caller * podCount + callee;
      const spec = dataPlane.connection(caller, callee);
      let pool = pools.get(spec.key);
      if (pool === undefined) {
        pool = multiplexed.length;
        pools.set(spec.key, pool);
        multiplexed.push(spec.multiplexed ? 1 : 0);
      }
      pairPool[pair] = pool;
      pairPooledByProxies[pair] = spec.pooledByProxies ? 1 : 0;
      pairTls[pair] = mtlsStateOf(security, facts.mtlsModeOf(callee), {
        callerMeshed: facts.isMeshed(caller),
        calleeMeshed: facts.isMeshed(callee),
        betweenProxies: spec.betweenProxies,
      });
    }
  }
  return { poolCount: multiplexed.length, pairPool, pairTls, pairPooledByProxies, poolMultiplexed: Uint8Array.from(multiplexed) };
}
