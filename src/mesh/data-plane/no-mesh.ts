/**
 * No mesh: pods talk straight over the node network (kube-proxy picks the backend).
 */

import type { DataPlane } from "./data-plane.js";
import type { NetworkBuilder } from "./network-builder.js";

export function createNoMesh(network: NetworkBuilder): DataPlane {
  const direct = (caller: number, callee: number) => [network.linkStep(network.nodeOf(caller), network.nodeOf(callee))];
  return { requestSteps: direct, responseSteps: direct };
}
