/**
 * eBPF architecture (Cilium): L3/L4 is enforced in the kernel on each node the call crosses, a
 * small per-request cost with no user-space hop; with L7 features on, traffic also passes the
 * callee node's shared Envoy (ingress L7 policy).
 *
 *   L4: app A -> kernel(node A) -> network -> kernel(node B) -> app B
 *   L7: app A -> kernel(node A) -> network -> kernel(node B) -> Envoy(node B) -> app B
 */

import type { ProxyCost } from "../mesh-profile.js";
import { proxiesProtocol } from "../proxy-cost-model.js";
import { directConnection } from "./no-mesh.js";
import { EXTERNAL_NODE } from "../service-network.js";
import type { DataPlane } from "./data-plane.js";
import type { NetworkBuilder } from "./network-builder.js";

export function createEbpf(network: NetworkBuilder, perRequestUs: number, nodeEnvoy: ProxyCost | undefined): DataPlane {
  const hookOf = new Int32Array(network.nodeCount);
  const envoyOf = new Int32Array(network.nodeCount).fill(-1);
  for (let node = 0; node < network.nodeCount; node++) {
    hookOf[node] = network.addKernelHook(`kernel:node-${node}`, `kernel/node-${node}`, perRequestUs / 1000);
    if (nodeEnvoy) envoyOf[node] = network.addProxy(`envoy:node-${node}`, `envoy/node-${node}`, nodeEnvoy, false);
  }
  // The eBPF datapath is the CNI: it sees every pod's traffic, meshed or not.
  const hook = (pod: number): number[] => {
    const node = network.nodeOf(pod);
    return node === EXTERNAL_NODE ? [] : [hookOf[node]];
  };
  const envoy = (pod: number): number[] => {
    const node = network.nodeOf(pod);
    const proxied = nodeEnvoy !== undefined && proxiesProtocol(nodeEnvoy, network.protocolOf(pod));
    return node === EXTERNAL_NODE || envoyOf[node] < 0 || !network.isMeshed(pod) || !proxied ? [] : [envoyOf[node]];
  };
  const link = (caller: number, callee: number) => network.connectStep(network.nodeOf(caller), network.nodeOf(callee));
  return {
    requestSteps: (caller, callee) => [...hook(caller), link(caller, callee), ...hook(callee), ...envoy(callee)],
    responseSteps: (caller, callee) => [...envoy(callee), ...hook(callee), link(caller, callee), ...hook(caller)],
    // Connections stay app to app; mutual authentication (SPIFFE) and WireGuard run beside the
    // data path, so they add no per-connection handshake to it.
    connection: (caller, callee) => ({
      ...directConnection(network, caller, callee),
      betweenProxies: hook(caller).length > 0 && hook(callee).length > 0,
    }),
  };
}
