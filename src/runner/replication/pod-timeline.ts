/**
 * What the timeline's pod events do to a run's pods, decided before simulating (they depend on
 * placement, requests and Kubernetes' timings only), walked in time order over one PodState: a
 * lost node's pods evicted and rescheduled (node-failures.ts), a Deployment's rolling update
 * placing its new pods where there is room when machines are declared (rollout-plan.ts). Every
 * pod an event creates is a replica of the run's network, after its service's scenario replicas,
 * out of the endpoints until it is ready.
 */

import { evictLostPods, type NodeFailure } from "./node-failures.js";
import { PodState, type CreatedPod } from "./pod-state.js";
export { podKey } from "./pod-state.js";
import type { ReplicationTask } from "./replication-task.js";
import { planRollout, type RolloutPlan } from "./rollout-plan.js";
import { taskTimeline } from "./task-timeline.js";

/** The timeline's pod events, planned. */
export interface PodTimeline {
  /** The node failures in time order. */
  failures: NodeFailure[];
  /** The rollouts in time order. */
  rollouts: RolloutPlan[];
  /** Per service, the pods the events create within the run, in replica order. */
  created: CreatedPod[][];
  /** When a pod stopped holding room on its node (evicted, or stopped by a rollout), by "service/replica", s into the measured time. */
  removedAtS: ReadonlyMap<string, number>;
}

/**
 * The task's pod events, planned in time order; a node down stays down, and each event sees the
 * pods and requests the ones before it left.
 * @example podTimeline(task).created[1].map((pod) => pod.node) // the nodes service 1's new pods run on
 */
export function podTimeline(task: ReplicationTask): PodTimeline {
  // Asked for by the network's shape, the schedule, the node totals, the events and the warnings: planned once per task.
  let planned = PLANNED.get(task);
  if (planned === undefined) {
    planned = planPods(task);
    PLANNED.set(task, planned);
  }
  return planned;
}

/** The task's node failures in time order (podTimeline's). */
export function nodeFailures(task: ReplicationTask): NodeFailure[] {
  return podTimeline(task).failures;
}

// --- internal ---

const PLANNED = new WeakMap<ReplicationTask, PodTimeline>();

function planPods(task: ReplicationTask): PodTimeline {
  const state = new PodState(task.scenario.topology, task.mesh.placement);
  const failures: NodeFailure[] = [];
  const rollouts: RolloutPlan[] = [];
  for (const event of taskTimeline(task)) {
    if (event.kind === "node-down") failures.push(evictLostPods(task, state, event));
    else if (event.kind === "rollout") rollouts.push(planRollout(task, state, event));
  }
  return { failures, rollouts, created: state.created, removedAtS: state.removedAtS };
}
