/**
 * Who closes a pool's idle connections, and after how long: the mesh's proxies for the
 * connections they pool themselves, the server app (its keep-alive timeout) for connections
 * the apps own.
 */

import type { ConnectionPoolOptions } from "./connection-pools.js";
import type { MeshProfile } from "../model/index.js";
import type { ServiceNetwork } from "../compile/index.js";

/** What the idle timeouts are derived from: a compiled network's clock, pods and pools. */
export type IdleTimeoutFacts = Pick<ServiceNetwork, "now" | "pairs" | "podKeepAliveIdleMs" | "connections">;

/**
 * The clock and per-pool idle timeouts for the network's ConnectionPools.
 * @example
 * const pools = new ConnectionPools(network.connections.poolCount, createIdleTimeouts(network, profile));
 */
export function createIdleTimeouts(network: IdleTimeoutFacts, profile: MeshProfile): ConnectionPoolOptions {
  return {
    now: () => network.now,
    idleTimeoutMs: poolIdleTimeoutsMs(network, profile.dataPlane?.idleTimeoutMs ?? Infinity),
  };
}

/**
 * Idle timeout of each pool, ms: the proxies' `proxyIdleTimeoutMs` for a pair whose
 * connections the proxies pool (L7 sidecars, node agents, ztunnels), the callee app's
 * keep-alive timeout otherwise (app to app, or opaque TCP through proxies, where the app's
 * connection is the one that idles). A pool shared by several pairs closes at the shortest of
 * theirs (of the pairs a call can take). Infinity where nothing closes idle connections.
 * O(pairs).
 */
export function poolIdleTimeoutsMs(network: Omit<IdleTimeoutFacts, "now">, proxyIdleTimeoutMs: number): Float64Array {
  const { pairs, podKeepAliveIdleMs, connections } = network;
  const { pairPool, pairPooledByProxies } = connections;
  const timeouts = new Float64Array(connections.poolCount).fill(Infinity);
  for (let caller = 0; caller < pairs.podCount; caller++) {
    pairs.forEachCallee(caller, (callee, pair) => {
      const pool = pairPool[pair];
      const timeoutMs = pairPooledByProxies[pair] === 1 ? proxyIdleTimeoutMs : podKeepAliveIdleMs[callee];
      if (timeoutMs < timeouts[pool]) timeouts[pool] = timeoutMs;
    });
  }
  return timeouts;
}
