/**
 * For every pair of pods a call can take (PodPairs): which connection pool its calls use, whether
 * the mesh's proxies pool it whatever the app does, and its mTLS state. Pools are shared by all
 * pairs with the same two ends (two ztunnels serve many pod pairs).
 */

import type { DataPlane } from "./data-plane/data-plane.js";
import { mtlsStateOf, TLS_MUTUAL } from "./mtls-policy.js";
import type { MtlsMode, SecurityProfile } from "../model/index.js";
import type { PodPairs } from "./pod-pairs.js";

export interface ConnectionTable {
  poolCount: number;
  /** Pool of each pair (numbered by PodPairs). */
  pairPool: Int32Array;
  /** TLS_PLAIN, TLS_MUTUAL or TLS_REFUSED per pair. */
  pairTls: Uint8Array;
  /** 1 when the pair's connections stay open whatever the caller app does. */
  pairPooledByProxies: Uint8Array;
  poolMultiplexed: Uint8Array;
  /** How many pod pairs (of those a call can take) use each pool. */
  poolPairs: Int32Array;
  /** POLICY_NONE, POLICY_ALLOWED or POLICY_DENIED per pair. */
  pairPolicy: Uint8Array;
}

/** The callee has no authorization policy. */
export const POLICY_NONE = 0;
/** The callee has a policy and allows this caller. */
export const POLICY_ALLOWED = 1;
/** The callee has a policy that denies this caller. */
export const POLICY_DENIED = 2;

export interface ConnectionFacts {
  /** The pairs a call can take (the load generator's pods are never a callee). */
  pairs: PodPairs;
  isMeshed(pod: number): boolean;
  /** The mTLS mode of the pod's service (the load generator is never a server). */
  mtlsModeOf(pod: number): MtlsMode;
  /** Callers allowed by the policy on the pod's service, or undefined when it has none. */
  allowFromOf(pod: number): readonly string[] | undefined;
  /** The caller's name in policies: its service, or the load generator. */
  labelOf(pod: number): string;
}

/** Builds the table from the data plane's connection specs and the mesh's mTLS rules. */
export function buildConnectionTable(facts: ConnectionFacts, dataPlane: DataPlane, security: SecurityProfile | undefined): ConnectionTable {
  const { pairs } = facts;
  const { podCount, count } = pairs;
  const pairPool = new Int32Array(count);
  const pairTls = new Uint8Array(count);
  const pairPooledByProxies = new Uint8Array(count);
  const pairPolicy = new Uint8Array(count);
  const authorization = security?.authorization ?? "none";
  // Each pod's facts once, not once per pair.
  const meshed = Array.from({ length: podCount }, (_, pod) => facts.isMeshed(pod));
  const mtlsMode = Array.from({ length: podCount }, (_, pod) => facts.mtlsModeOf(pod));
  const allowFrom = Array.from({ length: podCount }, (_, pod) => facts.allowFromOf(pod));
  const label = Array.from({ length: podCount }, (_, pod) => facts.labelOf(pod));
  // A pool per key, numbered as first met. A key of two pods (poolKey's "pods", below podCount²) is
  // found through its pair, in an array: a Map of a pool per pod pair was most of a large network's build.
  const podPairKeys = podCount * podCount;
  const poolOfPair = new Int32Array(count).fill(-1);
  const poolOfNodeKey = new Map<number, number>();
  // At most one pool per pair.
  const multiplexed = new Uint8Array(count);
  const pairsOfPool = new Int32Array(count);
  let poolCount = 0;
  for (let caller = 0; caller < podCount; caller++) {
    pairs.forEachCallee(caller, (callee, pair) => {
      const spec = dataPlane.connection(caller, callee);
      const keyPair = spec.key < podPairKeys ? pairOfKey(pairs, spec.key) : -1;
      let pool = keyPair >= 0 ? poolOfPair[keyPair] : (poolOfNodeKey.get(spec.key) ?? -1);
      if (pool < 0) {
        pool = poolCount++;
        if (keyPair >= 0) poolOfPair[keyPair] = pool;
        else poolOfNodeKey.set(spec.key, pool);
        multiplexed[pool] = spec.multiplexed ? 1 : 0;
      }
      pairsOfPool[pool]++;
      pairPool[pair] = pool;
      pairPooledByProxies[pair] = spec.pooledByProxies ? 1 : 0;
      pairTls[pair] = mtlsStateOf(security, mtlsMode[callee], {
        callerMeshed: meshed[caller],
        calleeMeshed: meshed[callee],
        betweenProxies: spec.betweenProxies,
      });
      const allowed = allowFrom[callee];
      // A proxy can only enforce a policy for a pod it fronts; Cilium's kernel fronts every pod.
      const enforced = authorization === "labels" || (authorization === "identity" && meshed[callee]);
      if (allowed !== undefined && enforced) {
        // Identity comes from the peer's mTLS certificate: a plaintext caller has none.
        const known = authorization === "labels" || pairTls[pair] === TLS_MUTUAL;
        pairPolicy[pair] = known && allowed.includes(label[caller]) ? POLICY_ALLOWED : POLICY_DENIED;
      }
    });
  }
  return {
    poolCount,
    pairPool,
    pairTls,
    pairPooledByProxies,
    poolMultiplexed: multiplexed.slice(0, poolCount),
    poolPairs: pairsOfPool.slice(0, poolCount),
    pairPolicy,
  };
}

// --- internal ---

/** The pair a "pods" pool key names (poolKey: from * podCount + to), negative when no call takes it. */
function pairOfKey(pairs: PodPairs, key: number): number {
  const from = Math.floor(key / pairs.podCount);
  return pairs.index(from, key - from * pairs.podCount);
}
