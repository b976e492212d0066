/**
 * eBPF architecture (Cilium): L3/L4 is enforced in the kernel on each node the call crosses, a
 * small per-request cost with no user-space hop. The callee node's shared Envoy joins the path
 * for every meshed callee with L7 features on, and for the services whose policy has L7 rules.
 * With WireGuard or IPsec on, the kernel encrypts what leaves a node and decrypts what arrives.
 *
 *   L4:         app A -> kernel(node A) -> network -> kernel(node B) -> app B
 *   L7:         app A -> kernel(node A) -> network -> kernel(node B) -> Envoy(node B) -> app B
 *   encryption: app A -> kernel(node A) -> wireguard(node A) -> network -> wireguard(node B) -> kernel(node B) -> app B
 */

import type { NodeEncryptionMethod, ProxyCost } from "../../model/index.js";
import { proxiesProtocol } from "../proxy-cost-model.js";
import { directConnection } from "./no-mesh.js";
import { EXTERNAL_NODE } from "../../../cluster/index.js";
import type { DataPlane } from "./data-plane.js";
import type { NetworkBuilder } from "./network-builder.js";

/** Node-to-node encryption as the data plane places it: the method names its stations. */
export interface EbpfEncryption {
  method: NodeEncryptionMethod;
  latencyMsPerPass: number;
}

/**
 * The kernel hooks of every node, the node Envoys when `nodeEnvoy` is given (used for callees
 * `throughEnvoy` accepts), and the encryption stations when `encryption` is given.
 */
export function createEbpf(
  network: NetworkBuilder,
  perRequestUs: number,
  nodeEnvoy: ProxyCost | undefined,
  throughEnvoy: (pod: number) => boolean,
  encryption: EbpfEncryption | undefined,
): DataPlane {
  const hookOf = new Int32Array(network.nodeCount);
  const envoyOf = new Int32Array(network.nodeCount).fill(-1);
  const cryptoOf = new Int32Array(network.nodeCount).fill(-1);
  for (let node = 0; node < network.nodeCount; node++) {
    hookOf[node] = network.addKernelHook(`kernel:node-${node}`, `kernel/node-${node}`, perRequestUs / 1000, node);
    if (nodeEnvoy) envoyOf[node] = network.addProxy(`envoy:node-${node}`, `envoy/node-${node}`, nodeEnvoy, false, node);
    if (encryption) {
      const { method, latencyMsPerPass } = encryption;
      cryptoOf[node] = network.addKernelCrypto(`${method}:node-${node}`, `${method}/node-${node}`, latencyMsPerPass, node);
    }
  }
  // The eBPF datapath is the CNI: it sees every pod's traffic, meshed or not.
  const hook = (pod: number): number[] => {
    const node = network.nodeOf(pod);
    return node === EXTERNAL_NODE ? [] : [hookOf[node]];
  };
  const envoy = (pod: number): number[] => {
    const node = network.nodeOf(pod);
    const proxied = nodeEnvoy !== undefined && proxiesProtocol(nodeEnvoy, network.protocolOf(pod));
    return node === EXTERNAL_NODE || envoyOf[node] < 0 || !throughEnvoy(pod) || !proxied ? [] : [envoyOf[node]];
  };
  // WireGuard and IPsec encrypt pod traffic between two cluster nodes: not within a node
  // (Cilium leaves it in clear on purpose), not to or from outside the cluster. The sender's
  // node encrypts, the receiver's decrypts.
  const link = (from: number, to: number): number[] => {
    const fromNode = network.nodeOf(from);
    const toNode = network.nodeOf(to);
    const step = network.connectStep(fromNode, toNode);
    if (!encryption || fromNode === toNode || fromNode === EXTERNAL_NODE || toNode === EXTERNAL_NODE) return [step];
    return [cryptoOf[fromNode], step, cryptoOf[toNode]];
  };
  return {
    requestSteps: (caller, callee) => [...hook(caller), ...link(caller, callee), ...hook(callee), ...envoy(callee)],
    responseSteps: (caller, callee) => [...envoy(callee), ...hook(callee), ...link(callee, caller), ...hook(caller)],
    // Connections stay app to app; mutual authentication (SPIFFE) and WireGuard/IPsec (keys per
    // node pair) run beside the data path, so they add no per-connection handshake to it.
    connection: (caller, callee) => ({
      ...directConnection(network, caller, callee),
      betweenProxies: hook(caller).length > 0 && hook(callee).length > 0,
    }),
  };
}
