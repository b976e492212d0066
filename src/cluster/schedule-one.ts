/**
 * kube-scheduler's choice for one pod created while a run goes on (a lost node's pod rescheduled,
 * a rollout's new pod), seeing the pods bound by then: the same filter and scores as the run's
 * start-up placement (schedule-pods.ts), with every bound pod held on its node.
 */

import { schedulePods, type PodToSchedule } from "./schedule-pods.js";

/** A pod bound to a node: its group (Deployment or DaemonSet), requests and node. */
export interface BoundPod {
  group: string;
  name: string;
  cpuRequest: number;
  memoryRequestMb: number;
  node: number;
}

/** What the scheduler sees: the cluster's machines and the pods bound now. */
export interface BoundCluster {
  nodeCount: number;
  allocatable: { vcpu: number; memoryMb: number };
  nodeZone?: readonly number[];
  bound: readonly BoundPod[];
}

/**
 * The node `pod` is bound to, among its `nodes` (give only the nodes up), or undefined when it
 * fits on none (it stays pending). O(bound pods x nodes).
 * @throws UnschedulableError when a bound pod no longer fits on its node (the caller's books are wrong)
 * @example scheduleOne({ nodeCount: 2, allocatable, bound: [{ group: "api", name: "api-0", cpuRequest: 1, memoryRequestMb: 0, node: 0 }] }, api1) // 1
 */
export function scheduleOne(cluster: BoundCluster, pod: PodToSchedule): number | undefined {
  const held: PodToSchedule[] = cluster.bound.map((bound) => ({ group: bound.group, name: bound.name, cpuRequest: bound.cpuRequest, memoryRequestMb: bound.memoryRequestMb, nodes: [bound.node] }));
  const schedule = schedulePods({
    nodeCount: cluster.nodeCount,
    allocatable: cluster.allocatable,
    pods: [...held, { ...pod, later: true }],
    ...(cluster.nodeZone ? { nodeZone: cluster.nodeZone } : {}),
  });
  return schedule.pending!.at(-1) ? undefined : schedule.podNodes.at(-1);
}
