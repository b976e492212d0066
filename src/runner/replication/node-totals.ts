/**
 * What a replication measured of its nodes' cores, when the scenario declares machines: the
 * CPU each node's containers used in the window, by who they work for, and the throttling of
 * the containers with a CPU limit; with what the run's placement requested of each node.
 */

import type { RequestFlow } from "../../mesh/index.js";
import type { PodLedgerTotals } from "./pod-ledger.js";
import type { HopTotals, NodeTotals, ReplicationTask } from "./replication-task.js";
import { podKey, podTimeline } from "./pod-timeline.js";
import { podRequests } from "./pod-requests.js";

/** User codes as the network records them (mesh/compile/node-cpus.ts): app, mesh, kernel, load generator. */
const USERS = ["app", "mesh", "kernel", "loadGenerator"] as const;

/**
 * Per node: CPU by user in the window of `windowMs`, requests and memory; undefined without machines.
 * `meshMemoryMbPerProxy` spreads the data plane's modelled memory over its instances. With
 * `running` (an autoscaled run), an autoscaled pod's memory and requests count
 * for the share of the window it ran, and a pod that never ran in it is not counted.
 */
export function nodeTotals(flow: RequestFlow, task: ReplicationTask, windowMs: number, meshMemoryMbPerProxy: number, running?: PodLedgerTotals): NodeTotals[] | undefined {
  const { cpus, stations, stationCpu, stationUser, stationGroup } = flow.network;
  const cluster = task.scenario.topology.cluster;
  if (!cpus.declared || !cluster.allocatable) return undefined;
  const totals: NodeTotals[] = cpus.nodes.map((cpu, node) => ({
    node,
    cores: cpu.cores,
    // The idle CPU of the containers while they ran (pods created, deleted, nodes lost: NodeCpu.setContainerRunning).
    cpuMs: { app: 0, mesh: cpu.idleCpuMs, kernel: 0, loadGenerator: 0 },
    cpuRequested: (running?.nodeRequested ?? task.mesh.placement.requested)?.[node].vcpu ?? 0,
    cpuAllocatable: cluster.allocatable!.vcpu,
    memoryMb: { used: 0, requested: (running?.nodeRequested ?? task.mesh.placement.requested)?.[node].memoryMb ?? 0, allocatable: cluster.allocatable!.memoryMb },
    pods: 0,
  }));
  stations.forEach((station, index) => {
    const place = stationCpu[index];
    if (place === undefined) return;
    const node = totals[place.nodeIndex];
    const user = USERS[stationUser[index]];
    node.cpuMs[user] += station.stats().workerMs;
    if (user === "mesh") node.memoryMb.used += meshMemoryMbPerProxy;
    // An app replica is a pod, and so is every mesh instance but a sidecar (it shares its app's pod).
    if (user === "app" || (user === "mesh" && !stationGroup[index].startsWith("sidecar/"))) node.pods++;
  });
  cpus.nodes.forEach((cpu, node) => {
    cpus.containerUser[node].forEach((user, container) => {
      if (USERS[user] !== "loadGenerator") return;
      totals[node].cpuMs.loadGenerator += cpu.containerStats(container).cpuMs;
      totals[node].pods++;
    });
  });
  task.scenario.topology.services.forEach((service, serviceIndex) => {
    task.mesh.placement.services[serviceIndex].forEach((node) => {
      if (node >= 0) totals[node].memoryMb.used += service.resources?.memoryRequestMb ?? 0;
    });
  });
  if (running) discountIdlePods(flow, task, totals, meshMemoryMbPerProxy, running);
  countTimelinePods(flow, task, totals, windowMs, meshMemoryMbPerProxy);
  return totals;
}

/**
 * Counts the pods the timeline's events delete and create (a lost node's evicted pods and their
 * replacements, a rollout's old and new pods) for the share of the window each existed: a deleted
 * pod's memory and requests stop when it is deleted; a new pod's start when it
 * is bound, on its node. Nothing when no event deletes or creates a pod within the run.
 */
function countTimelinePods(flow: RequestFlow, task: ReplicationTask, totals: NodeTotals[], windowMs: number, meshMemoryMbPerProxy: number): void {
  const { created, removedAtS } = podTimeline(task);
  if (removedAtS.size === 0 && created.every((pods) => pods.length === 0)) return;
  const { network } = flow;
  const services = task.scenario.topology.services;
  const sidecar = task.profile.architecture === "sidecar" ? task.profile.dataPlane?.proxy : undefined;
  const durationS = windowMs / 1000;
  // Share of the window from `fromS` to `toS` (seconds into the measured time).
  const share = (fromS: number, toS: number) => Math.max(0, Math.min(toS, durationS) - Math.max(fromS, 0)) / durationS;
  const createdAtS = new Map(created.flat().map((pod) => [podKey(pod.service, pod.replica), pod.createdAtS]));
  for (const key of new Set([...createdAtS.keys(), ...removedAtS.keys()])) {
    const [serviceIndex, replica] = key.split("/").map(Number);
    const service = services[serviceIndex];
    const pod = network.servicePods[serviceIndex][replica];
    const node = totals[network.podNode[pod]];
    const bornAtS = createdAtS.get(key);
    const lived = share(bornAtS ?? 0, removedAtS.get(key) ?? durationS);
    // What nodeTotals counted for the whole window: a scenario replica's memory and requests, and every sidecar's memory
    // (a sidecar's idle CPU is counted while it ran by its node's CPU).
    const counted = bornAtS === undefined ? 1 : 0;
    const requests = podRequests(task, service);
    node.memoryMb.used += (lived - counted) * (service.resources?.memoryRequestMb ?? 0);
    node.cpuRequested += (lived - counted) * requests.vcpu;
    node.memoryMb.requested += (lived - counted) * requests.memoryMb;
    if (sidecar !== undefined && network.podMeshed[pod] === 1) node.memoryMb.used -= (1 - lived) * meshMemoryMbPerProxy;
  }
}

/**
 * Takes off what the autoscaled pods did not run for: their memory and their sidecar's memory for
 * the share of the window they were not bound, and the pods that never ran (their sidecars' idle
 * CPU runs only while bound, on the node's CPU).
 */
function discountIdlePods(flow: RequestFlow, task: ReplicationTask, totals: NodeTotals[], meshMemoryMbPerProxy: number, running: PodLedgerTotals): void {
  const { network } = flow;
  const sidecar = task.profile.architecture === "sidecar" ? task.profile.dataPlane?.proxy : undefined;
  task.scenario.topology.services.forEach((service, serviceIndex) => {
    if (!service.autoscaling) return;
    for (const pod of network.servicePods[serviceIndex]) {
      const node = totals[network.podNode[pod]];
      const idleShare = 1 - running.podShare[pod];
      if (idleShare <= 0) continue;
      const withSidecar = sidecar !== undefined && network.podMeshed[pod] === 1;
      node.memoryMb.used -= idleShare * ((service.resources?.memoryRequestMb ?? 0) + (withSidecar ? meshMemoryMbPerProxy : 0));
      if (running.podShare[pod] === 0) node.pods--;
    }
  });
}

/** The throttling of a hop group's limited containers, added to its totals. */
export function addThrottling(flow: RequestFlow, groups: Map<string, HopTotals>): void {
  const { stationCpu, stationGroup } = flow.network;
  stationCpu.forEach((place, index) => {
    if (place === undefined || !place.node.isLimited(place.container)) return;
    const totals = groups.get(stationGroup[index])!;
    addThrottlingTo(totals, place.node.containerStats(place.container));
  });
}

/** Adds `add`'s throttling counts to the group's totals (starting them at zero). */
export function addThrottlingTo(totals: HopTotals, add: NonNullable<HopTotals["throttling"]>): void {
  const throttling = (totals.throttling ??= { periods: 0, throttledPeriods: 0, throttledMs: 0 });
  throttling.periods += add.periods;
  throttling.throttledPeriods += add.throttledPeriods;
  throttling.throttledMs += add.throttledMs;
}
