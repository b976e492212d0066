/**
 * No mesh: pods talk straight over the node network (kube-proxy picks the backend).
 */

import { poolKey, type ConnectionSpec, type DataPlane } from "./data-plane.js";
import type { NetworkBuilder } from "./network-builder.js";

export function createNoMesh(network: NetworkBuilder): DataPlane {
  const direct = (caller: number, callee: number) => [network.connectStep(network.nodeOf(caller), network.nodeOf(callee))];
  return {
    requestSteps: direct,
    // The response crosses the network the other way: with zones, its bytes count from the callee's zone.
    responseSteps: (caller, callee) => direct(callee, caller),
    connection: (caller, callee) => directConnection(network, caller, callee),
  };
}

/** An app-to-app connection: its reuse is the caller's keep-alive, its sharing the protocol's. */
export function directConnection(network: NetworkBuilder, caller: number, callee: number): ConnectionSpec {
  return { key: poolKey(network, "pods", caller, callee), multiplexed: network.isMultiplexed(callee), pooledByProxies: false, betweenProxies: false };
}
