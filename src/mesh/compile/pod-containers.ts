/**
 * Pods' containers starting and stopping as a run goes, and nodes lost. A pod that does not exist
 * (not created yet, or deleted) burns no idle CPU on its node; a lost node runs nothing from its
 * loss on: its containers stop, and calls to its pods are refused without passing its stations.
 * Called on pod and node events only, never per call.
 */

import type { ServiceNetwork } from "./service-network.js";

/**
 * Starts (`running`) or stops the containers of `pod` on its node's CPU: its own proxy's idle CPU
 * (a sidecar's stats flushes and keep-alives) counts only while the pod exists. Nothing on a lost
 * node starts again, and nothing changes without declared machines. O(log n) on the node.
 * @example setPodRunning(network, network.servicePods[1][3], true) // service 1's pod 3 is bound now
 */
export function setPodRunning(network: ServiceNetwork, pod: number, running: boolean): void {
  const proxy = network.podProxy[pod];
  const place = proxy < 0 ? undefined : network.stationCpu[proxy];
  if (place === undefined) return;
  if (running && network.nodeLost[place.nodeIndex] === 1) return;
  place.node.setContainerRunning(place.container, running);
}

/**
 * The nodes are lost now: every container on them stops (sidecars, node agents, ztunnels,
 * gateways), and the chains of calls to their pods keep only the steps off the lost nodes (the
 * caller's side and the network), so a refused call costs the lost node nothing. Calls already
 * under way keep their chains. O(containers + pods on the nodes x pods), once per loss.
 */
export function loseNodes(network: ServiceNetwork, nodes: readonly number[]): void {
  for (const node of nodes) {
    if (network.nodeLost[node] === 1) continue;
    network.nodeLost[node] = 1;
    const cpu = network.cpus.nodes[node];
    if (cpu === undefined) continue;
    for (let container = 0; container < cpu.containerCount; container++) cpu.setContainerRunning(container, false);
  }
  for (let pod = 0; pod < network.podCount; pod++) {
    if (network.nodeLost[network.podNode[pod]] === 1) network.chains.cutOff(pod, (step) => isOffLostNodes(network, step));
  }
}

/**
 * A pod of a lost node comes back in its place (an autoscaled service's, which the network keeps
 * on its old node): calls to it pass all their steps again. Its containers stay stopped.
 */
export function podBack(network: ServiceNetwork, pod: number): void {
  network.chains.cutOff(pod, undefined);
}

// --- internal ---

/** Whether a chain step is off the lost nodes: any network step, or a station on a node still up (or outside). */
function isOffLostNodes(network: ServiceNetwork, step: number): boolean {
  if (step < 0) return true;
  const node = network.stationNode[step];
  return node < 0 || network.nodeLost[node] !== 1;
}
