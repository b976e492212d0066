/**
 * Offered CPU on every node of a compiled network when nodes have cores, from the call trees and
 * the request rate alone (no simulation): each app pod's share of its service's CPU, each proxy's
 * base CPU per pass (proxyLoads), the load generator's CPU per request and the containers' idle
 * load. Every container may be within its own limits while the node's cores together cannot keep
 * up; such a run is refused before it starts, naming the node, instead of queueing without bound.
 */

import { meanOf } from "../../random/index.js";
import { OverloadError, type Topology } from "../model/index.js";
import { offeredLoad } from "../preflight/index.js";
import { proxyLoads } from "./proxy-load.js";
import type { ServiceNetwork } from "./service-network.js";

export interface NodeLoad {
  node: string;
  cores: number;
  /** Offered CPU over the node's cores, a lower bound (kernel work, handshakes and encryption add to it). */
  utilization: number;
  /** The vCPU each kind of user offers: apps, the mesh's proxies, the load generator, idle containers. */
  vcpuBy: { apps: number; proxies: number; loadGenerator: number; idle: number };
}

/** The load generator's place and CPU per request (scenario.load.client). */
export interface LoadGeneratorCpu {
  node: number;
  /** Undefined counts as none, as the network does. */
  cpuMsPerRequest?: number;
}

/**
 * Lower bounds of every node's CPU load at `ratePerSec` requests per second; none when the
 * nodes declare no cores. `meshed`: the mesh has proxies, which take CPU and apply the rules' retries.
 * @example nodeLoads(flow.network, topology, 1000, { node: 0, cpuMsPerRequest: 0.05 }, true)[0].utilization
 */
export function nodeLoads(network: ServiceNetwork, topology: Topology, ratePerSec: number, client: LoadGeneratorCpu, meshed: boolean): NodeLoad[] {
  const nodes = network.cpus.nodes;
  if (nodes.length === 0) return [];
  const vcpuBy = nodes.map(() => ({ apps: 0, proxies: 0, loadGenerator: 0, idle: 0 }));
  const byName = new Map(topology.services.map((service) => [service.name, service]));
  for (const load of offeredLoad(topology, ratePerSec, true, meshed)) {
    const service = byName.get(load.service)!;
    const index = topology.services.indexOf(service);
    // An autoscaled service's load falls on the pods that can run; those that would stay pending take none.
    const runnable = network.serviceRunnable[index];
    const perPodVcpu = (ratePerSec * load.visitsPerRequest * meanOf(service.serviceTime) * service.cpuShare) / 1000 / runnable;
    for (const pod of network.servicePods[index].subarray(0, runnable)) {
      const node = network.podNode[pod];
      if (node >= 0 && node < nodes.length) vcpuBy[node].apps += perPodVcpu;
    }
  }
  for (const load of meshed ? proxyLoads(network, topology, ratePerSec) : []) {
    const place = network.stationCpu[load.index];
    if (place !== undefined) vcpuBy[place.nodeIndex].proxies += load.cpuVcpu;
  }
  if (client.node < nodes.length) vcpuBy[client.node].loadGenerator += (ratePerSec * (client.cpuMsPerRequest ?? 0)) / 1000;
  return nodes.map((cpu, node) => {
    const by = { ...vcpuBy[node], idle: cpu.idleVcpu };
    const total = by.apps + by.proxies + by.loadGenerator + by.idle;
    return { node: cpu.name, cores: cpu.cores, utilization: total / cpu.cores, vcpuBy: by };
  });
}

/**
 * Refuses a run in which some node's cores can never keep up at `ratePerSec`, naming it.
 * @throws OverloadError naming the busiest node, when it is offered at least its cores
 */
export function refuseNodeOverload(network: ServiceNetwork, topology: Topology, ratePerSec: number, client: LoadGeneratorCpu, meshed: boolean, file: string): void {
  const loads = nodeLoads(network, topology, ratePerSec, client, meshed);
  if (loads.length === 0) return;
  const worst = loads.reduce((a, b) => (b.utilization > a.utilization ? b : a));
  if (worst.utilization < 1) return;
  const { apps, proxies, loadGenerator, idle } = worst.vcpuBy;
  const parts = [`apps ${apps.toFixed(2)}`, `proxies ${proxies.toFixed(2)}`, `load generator ${loadGenerator.toFixed(2)}`, `idle ${idle.toFixed(2)}`];
  throw new OverloadError(
    `${file}: overloaded at ${ratePerSec} requests/s: node ${worst.node} would be at least ${(worst.utilization * 100).toFixed(0)}% busy ` +
      `(${parts.join(", ")} of its ${worst.cores} vCPU; queues grow without bound); lower the rate, or add nodes, or bigger ones (cluster.vcpuPerNode or cluster.machineType)`,
    worst.node,
  );
}
