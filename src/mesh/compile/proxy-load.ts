/**
 * Offered load on every proxy of a compiled network, from the call trees and the request rate
 * alone (no simulation), as offeredLoad gives it for apps: each call spread evenly over its
 * caller's and callee's pods (as balancers do on average), each pass of the call's request and
 * response chains holding its proxy's worker for at least the pass's base CPU. A proxy at or
 * above 1, of its workers or of its CPU limit, can never keep up, so such a run is refused
 * before it starts instead of queueing without bound.
 */

import type { CallNode, Topology } from "../model/index.js";
import { OverloadError } from "../model/index.js";
import { expandHostCalls, resourcesOf } from "../preflight/index.js";
import { basePassCpuMs } from "./proxy-cost-model.js";
import type { ServiceNetwork } from "./service-network.js";

export interface ProxyLoad {
  station: string;
  /** The station's index in the network. */
  index: number;
  /** CPU its passes take at least, vCPU. */
  cpuVcpu: number;
  group: string;
  /** Offered utilisation of its workers, a lower bound (connections, handshakes and encryption add to it). */
  utilization: number;
  /** Offered CPU over its CPU limit (less its idle load), when nodes have cores and it has one. */
  cpuLimitUtilization?: number;
}

/**
 * Lower bounds of every proxy's load at `ratePerSec` requests per second.
 * @example proxyLoads(flow.network, topology, 1000).find((load) => load.utilization >= 1)
 */
export function proxyLoads(network: ServiceNetwork, withHosts: Topology, ratePerSec: number): ProxyLoad[] {
  // Proxies apply traffic rules, so calls to a host spread by the rule's weights, and are retried.
  const topology = expandHostCalls(withHosts, true, true);
  const serviceIndex = new Map(topology.services.map((service, index) => [service.name, index]));
  const busyMsPerSec = new Float64Array(network.stations.length);
  const entryPods = Int32Array.from({ length: network.entryPods }, (_, pod) => pod);

  const chains = network.chains;
  const addChain = (chain: number, perSec: number, protocol: number, payloadKiB: number): void => {
    const start = chains.chainStart[chain];
    for (let leg = 0; leg < chains.chainLength[chain]; leg++) {
      const step = chains.steps[start + leg];
      const cost = step >= 0 ? network.stationPassCost[step] : undefined;
      if (cost !== undefined) busyMsPerSec[step] += perSec * basePassCpuMs(cost, protocol, payloadKiB);
    }
  };
  const visit = (node: CallNode, callerPods: Int32Array, perSec: number): void => {
    const count = perSec * node.probability * node.repeat;
    if (node.kind !== "call") {
      for (const child of node.nodes) visit(child, callerPods, count);
      return;
    }
    const callee = serviceIndex.get(node.service)!;
    const calleePods = network.servicePods[callee];
    const perPair = count / (callerPods.length * calleePods.length);
    const payloadKiB = (node.requestBytes + node.responseBytes) / 1024;
    const protocol = network.serviceProtocol[callee];
    for (const caller of callerPods) {
      for (const pod of calleePods) {
        addChain(chains.request(caller, pod), perPair, protocol, payloadKiB);
        addChain(chains.response(caller, pod), perPair, protocol, payloadKiB);
      }
    }
    for (const child of node.calls) visit(child, calleePods, count);
  };
  const totalWeight = topology.requestTypes.reduce((sum, type) => sum + type.weight, 0);
  for (const type of topology.requestTypes) visit(type.root, entryPods, (ratePerSec * type.weight) / totalWeight);

  const loads: ProxyLoad[] = [];
  network.stations.forEach((station, index) => {
    const cost = network.stationPassCost[index];
    if (cost === undefined) return;
    const cpuVcpu = busyMsPerSec[index] / 1000;
    const limit = resourcesOf(cost.resources)?.cpuLimit;
    const quotaVcpu = limit === undefined ? 0 : limit - (cost.idleVcpu ?? 0);
    loads.push({
      station: station.name,
      index,
      cpuVcpu,
      group: network.stationGroup[index],
      utilization: cpuVcpu / station.workers,
      ...(network.stationCpu[index] !== undefined && limit !== undefined ? { cpuLimitUtilization: quotaVcpu > 0 ? cpuVcpu / quotaVcpu : Infinity } : {}),
    });
  });
  return loads;
}

/**
 * Refuses a run in which some proxy can never keep up at `ratePerSec`, naming it.
 * @throws OverloadError naming the busiest proxy, when its workers or its CPU limit are offered 1 or more
 */
export function refuseProxyOverload(network: ServiceNetwork, topology: Topology, ratePerSec: number, file: string): void {
  const loads = proxyLoads(network, topology, ratePerSec);
  if (loads.length === 0) return;
  const worst = loads.reduce((a, b) => (b.utilization > a.utilization ? b : a));
  if (worst.utilization >= 1) {
    throw new OverloadError(
      `${file}: overloaded at ${ratePerSec} requests/s: proxy ${worst.station} (${worst.group}) would be at least ` +
        `${(worst.utilization * 100).toFixed(0)}% busy (its workers' CPU per pass alone; queues grow without bound); ` +
        `lower the rate, or add replicas, or raise the proxy's workers (dataPlane.proxy.workers)`,
      worst.station,
    );
  }
  const limitShare = (load: ProxyLoad) => load.cpuLimitUtilization ?? 0;
  const tightest = loads.reduce((a, b) => (limitShare(b) > limitShare(a) ? b : a));
  if (limitShare(tightest) >= 1) {
    throw new OverloadError(
      `${file}: overloaded at ${ratePerSec} requests/s: proxy ${tightest.station} (${tightest.group}) would need at least ` +
        `${(limitShare(tightest) * 100).toFixed(0)}% of its CPU limit (CFS throttles it in every period, queues grow without bound); ` +
        `lower the rate, or add replicas, or raise the proxy's CPU limit (dataPlane.proxy.resources.cpuLimit)`,
      tightest.station,
    );
  }
}
