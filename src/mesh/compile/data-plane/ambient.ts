/**
 * Istio ambient: a ztunnel on every node carries meshed pods' traffic at L4 (mTLS over HBONE),
 * on the caller's node and on the callee's; with L7 features on, traffic to a meshed callee
 * also passes its namespace's waypoint proxy (one instance, placed on the last node), and so
 * does traffic to a service whose policy has L7 rules.
 *
 *   L4: app A -> ztunnel(node A) -> network -> ztunnel(node B) -> app B
 *   L7: app A -> ztunnel(node A) -> waypoint -> ztunnel(node B) -> app B
 */

import type { ProxyCost } from "../../model/index.js";
import { proxiesProtocol } from "../proxy-cost-model.js";
import { directConnection } from "./no-mesh.js";
import { EXTERNAL_NODE } from "../../../cluster/index.js";
import { poolKey, type DataPlane } from "./data-plane.js";
import type { NetworkBuilder } from "./network-builder.js";

export function createAmbient(
  network: NetworkBuilder,
  ztunnel: ProxyCost,
  waypoint: ProxyCost | undefined,
  throughWaypoint: (pod: number) => boolean,
  redirectMs: number,
): DataPlane {
  const ztunnelOf = new Int32Array(network.nodeCount);
  for (let node = 0; node < network.nodeCount; node++) {
    ztunnelOf[node] = network.addProxy(`ztunnel:node-${node}`, `ztunnel/node-${node}`, ztunnel, true, node);
  }
  // Waypoint replicas each take a share of the ztunnels' HBONE connections: a pod pair's calls go
  // through the replica its connection was balanced to.
  const waypointNodes = network.waypointNodes.length > 0 ? network.waypointNodes : [network.nodeCount - 1];
  // The waypoint's own HBONE connections are pooled and long-lived: it is not charged handshakes.
  const waypointSteps = waypoint ? waypointNodes.map((node, replica) => network.addProxy(replica === 0 ? "waypoint" : `waypoint#${replica}`, "waypoint", waypoint, false, node)) : [];
  const redirect = redirectMs > 0 ? [network.delayStep(redirectMs)] : [];
  // The ingress gateway speaks HBONE itself: the load generator's traffic enters the mesh there,
  // one replica per entry pod.
  const gatewayStepOf = new Int32Array(network.podCount).fill(-1);
  for (let pod = 0; pod < network.podCount; pod++) {
    const gatewayCost = network.gatewayFor(pod);
    if (gatewayCost) gatewayStepOf[pod] = network.addProxy(pod === 0 ? "gateway" : `gateway#${pod}`, "gateway", gatewayCost, true, network.nodeOf(pod));
  }
  const zt = (pod: number): number[] => {
    const node = network.nodeOf(pod);
    if (node === EXTERNAL_NODE || !network.isMeshed(pod)) return [];
    if (gatewayStepOf[pod] >= 0) return [gatewayStepOf[pod]];
    return [...redirect, ztunnelOf[node]];
  };
  /** Between the two ztunnels, directly or through the waypoint; `back`: the response's way, callee to caller. */
  const middle = (caller: number, callee: number, back = false): number[] => {
    const from = network.nodeOf(caller);
    const to = network.nodeOf(callee);
    const l7 = waypointSteps.length > 0 && waypoint !== undefined && proxiesProtocol(waypoint, network.protocolOf(callee));
    // Between clusters HBONE may pass the far cluster's east-west gateway (ServiceNetwork.pathSteps).
    if (!l7 || !network.isMeshed(callee) || !throughWaypoint(callee) || to === EXTERNAL_NODE) return back ? network.pathSteps(to, from, to, true) : network.pathSteps(from, to, to, true);
    const replica = (caller * 31 + callee) % waypointSteps.length;
    const waypointNode = waypointNodes[replica];
    if (back) return [network.linkStep(to, waypointNode), waypointSteps[replica], network.connectStep(waypointNode, from)];
    return [network.connectStep(from, waypointNode), waypointSteps[replica], network.linkStep(waypointNode, to)];
  };
  return {
    requestSteps: (caller, callee) => [...zt(caller), ...middle(caller, callee), ...zt(callee).reverse()],
    responseSteps: (caller, callee) => [...zt(callee), ...middle(caller, callee, true), ...zt(caller).reverse()],
    connection: (caller, callee) => {
      const betweenProxies = zt(caller).length > 0 && zt(callee).length > 0;
      if (!betweenProxies) return directConnection(network, caller, callee);
      // HBONE: every call is a stream of one pooled HTTP/2 connection between the two ztunnels.
      return { key: poolKey(network, "node-proxies", network.nodeOf(caller), network.nodeOf(callee)), multiplexed: true, pooledByProxies: true, betweenProxies };
    },
  };
}
