/**
 * For every (caller pod, callee pod) pair: which connection pool its calls use, whether the
 * mesh's proxies pool it whatever the app does, and its mTLS state. Pools are shared by all
 * pairs with the same two ends (two ztunnels serve many pod pairs).
 */

import type { DataPlane } from "./data-plane/data-plane.js";
import { mtlsStateOf, TLS_MUTUAL } from "./mtls-policy.js";
import type { MtlsMode, SecurityProfile } from "../model/index.js";

export interface ConnectionTable {
  poolCount: number;
  /** Pool of each pair (caller * podCount + callee). */
  pairPool: Int32Array;
  /** TLS_PLAIN, TLS_MUTUAL or TLS_REFUSED per pair. */
  pairTls: Uint8Array;
  /** 1 when the pair's connections stay open whatever the caller app does. */
  pairPooledByProxies: Uint8Array;
  poolMultiplexed: Uint8Array;
  /** How many pod pairs use each pool. */
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
  podCount: number;
  /** Pods below it stand for the load generator: never a callee. */
  firstCallee: number;
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
  const { podCount } = facts;
  const pairs = podCount * podCount;
  const pairPool = new Int32Array(pairs).fill(-1);
  const pairTls = new Uint8Array(pairs);
  const pairPooledByProxies = new Uint8Array(pairs);
  const pairPolicy = new Uint8Array(pairs);
  const authorization = security?.authorization ?? "none";
  // Each pod's facts once, not once per pair: the pairs are podCount².
  const meshed = Array.from({ length: podCount }, (_, pod) => facts.isMeshed(pod));
  const mtlsMode = Array.from({ length: podCount }, (_, pod) => facts.mtlsModeOf(pod));
  const allowFrom = Array.from({ length: podCount }, (_, pod) => facts.allowFromOf(pod));
  const label = Array.from({ length: podCount }, (_, pod) => facts.labelOf(pod));
  // A pool per key, numbered as first met. Keys of two pods (poolKey's "pods", below pairs) index
  // an array: a Map of a pool per pod pair was most of a large network's build (4 x 10^6 at 2,000 pods).
  const poolOfPodPair = new Int32Array(pairs).fill(-1);
  const poolOfNodeKey = new Map<number, number>();
  // At most one pool per pair.
  const multiplexed = new Uint8Array(pairs);
  const pairsOfPool = new Int32Array(pairs);
  let poolCount = 0;
  for (let caller = 0; caller < podCount; caller++) {
    for (let callee = facts.firstCallee; callee < podCount; callee++) {
      const pair = caller * podCount + callee;
      const spec = dataPlane.connection(caller, callee);
      let pool = spec.key < pairs ? poolOfPodPair[spec.key] : (poolOfNodeKey.get(spec.key) ?? -1);
      if (pool < 0) {
        pool = poolCount++;
        if (spec.key < pairs) poolOfPodPair[spec.key] = pool;
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
    }
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
