/**
 * A Deployment's rolling update planned before simulating. Without declared machines the new pods
 * take their old pods' places (in place, as before: nothing to make room for). With machines each
 * new pod is a pod of its own, bound where kube-scheduler finds room for its requests (PodState):
 * a wave's stopped old pods free theirs at its start, a replaced one when its new pod is ready.
 * A new pod that fits nowhere stays pending and the rollout waits for it, as the Deployment
 * controller does for a pod that never becomes available.
 */

import { rolloutLimits, rolloutWaves } from "../../cluster/index.js";
import type { RolloutEvent } from "../../workload/index.js";
import { podStartupMs } from "./pod-endpoints.js";
import { podRequests } from "./pod-requests.js";
import { podKey, type PodState } from "./pod-state.js";
import type { ReplicationTask } from "./replication-task.js";

/** A rollout with when each pod leaves and joins the endpoints, ms from the rollout's start. */
export interface RolloutPlan {
  event: RolloutEvent;
  service: number;
  /** Without machines: the pods (replica indices in the run's network) rolled in place, one per slot. */
  inPlace?: number[];
  /** Old pods stopped: each leaves the endpoints `afterMs` from the start (and finishes what it holds). */
  stops: Array<{ replica: number; afterMs: number }>;
  /** New pods: each joins the endpoints, cold, once ready `readyAfterMs` from the start. */
  starts: Array<{ replica: number; node: number; readyAfterMs: number }>;
  /** Slots whose new pod fits on no node and stays pending; the rollout waits from `waitsAfterMs`. */
  pending: number[];
  waitsAfterMs?: number;
}

/**
 * Plans `event` on `state` (and moves `state` on: slots take their new pods, requests move). Only
 * what starts within the run is planned.
 */
export function planRollout(task: ReplicationTask, state: PodState, event: RolloutEvent): RolloutPlan {
  const services = task.scenario.topology.services;
  const service = services.findIndex((candidate) => candidate.name === event.service);
  const spec = services[service];
  const slots = state.slotPod[service].length;
  const waves = rolloutWaves(slots, rolloutLimits(slots, event.maxSurge, event.maxUnavailable));
  const plan: RolloutPlan = { event, service, stops: [], starts: [], pending: [] };
  if (!task.scenario.topology.cluster.allocatable) return { ...plan, inPlace: [...state.slotPod[service]] };
  const requests = podRequests(task, spec);
  const startupMs = podStartupMs(task.profile, spec.meshed && !spec.external, event.podStartupS);
  const stop = (slot: number, afterMs: number): void => {
    const replica = state.slotPod[service][slot];
    plan.stops.push({ replica, afterMs });
    state.unbind(service, replica);
    state.removedAtS.set(podKey(service, replica), event.atS + afterMs / 1000);
  };
  // New pods waiting for room, and those bound and starting: `replaces` marks a slot whose old pod serves until then.
  let waiting: Array<{ slot: number; replaces: boolean }> = [];
  let starting: Array<{ slot: number; replica: number; node: number; replaces: boolean }> = [];
  let nextWave = 0;
  let afterMs = 0;
  for (;;) {
    if (waiting.length === 0 && starting.length === 0) {
      if (nextWave === waves.length) break;
      const wave = waves[nextWave++];
      for (const slot of wave.stopped) stop(slot, afterMs);
      waiting = [...wave.stopped.map((slot) => ({ slot, replaces: false })), ...wave.replaced.map((slot) => ({ slot, replaces: true }))];
    }
    const unbound: typeof waiting = [];
    for (const pod of waiting) {
      const node = state.pickNode(service, pod.slot, requests);
      if (node === undefined) {
        unbound.push(pod);
        continue;
      }
      starting.push({ ...pod, node, replica: state.create(service, pod.slot, node, event.atS + afterMs / 1000, requests) });
    }
    waiting = unbound;
    // Nothing starting to free room, nothing else frees it: the rest waits to the end.
    if (starting.length === 0) {
      plan.pending = waiting.map((pod) => pod.slot);
      plan.waitsAfterMs = afterMs;
      break;
    }
    afterMs += startupMs;
    for (const pod of starting) {
      plan.starts.push({ replica: pod.replica, node: pod.node, readyAfterMs: afterMs });
      if (pod.replaces) stop(pod.slot, afterMs);
      state.slotPod[service][pod.slot] = pod.replica;
      state.slotNode[service][pod.slot] = pod.node;
    }
    starting = [];
    if (event.atS + afterMs / 1000 >= task.durationS) break;
  }
  return plan;
}
