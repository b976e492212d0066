/**
 * When a run's pods and nodes burn CPU: a pod its timeline's events create (an evicted pod's
 * replacement, a rollout's new pod) runs its containers from its creation, a pod deleted (evicted,
 * stopped by a rollout) stops then, and a lost node (nodeDown, zoneDown, clusterDown, a cluster's
 * failAtS) stops running anything at its loss. The autoscaler starts and stops its own pods.
 * One event per pod and change, none per request.
 */

import { secondsToSimTime, type Simulation } from "../../engine/index.js";
import { loseNodes, podBack, setPodRunning, type RequestFlow } from "../../mesh/index.js";
import { podStartupMs } from "./pod-endpoints.js";
import { podTimeline } from "./pod-timeline.js";
import type { ReplicationTask } from "./replication-task.js";
import { lostNodes } from "./lost-nodes.js";

/**
 * Schedules the task's pods starting and stopping and its nodes lost, from `windowStartMs` (the
 * measured time's start); the pods its events create are stopped until then. Registers nothing
 * when no pod comes or goes and no node is lost.
 */
export function schedulePodCpu(sim: Simulation, flow: RequestFlow, task: ReplicationTask, windowStartMs: number): void {
  const { network } = flow;
  const { created, removedAtS } = podTimeline(task);
  const windowEndMs = windowStartMs + secondsToSimTime(task.durationS);
  const at = (atS: number) => windowStartMs + secondsToSimTime(atS);
  // What would happen after the run is left out: it would only keep the simulation going.
  const scheduleWithin = (atMs: number, kind: number, arg: number) => {
    if (atMs < windowEndMs) sim.schedule(atMs, kind, arg);
  };
  const podOf = (service: number, replica: number) => network.servicePods[service][replica];
  if (created.some((pods) => pods.length > 0)) {
    // The network starts their containers stopped: they do not exist before they are created.
    const starts = sim.on("pod-cpu-starts", (pod) => setPodRunning(network, pod, true));
    for (const pod of created.flat()) scheduleWithin(at(pod.createdAtS), starts, podOf(pod.service, pod.replica));
  }
  if (removedAtS.size > 0) {
    const stops = sim.on("pod-cpu-stops", (pod) => setPodRunning(network, pod, false));
    for (const [key, atS] of removedAtS) {
      const [service, replica] = key.split("/").map(Number);
      scheduleWithin(at(atS), stops, podOf(service, replica));
    }
  }
  const losses = lostNodes(task);
  if (losses.length === 0) return;
  const lose = sim.on("nodes-lost", (loss) => loseNodes(network, losses[loss].nodes));
  losses.forEach((loss, index) => scheduleWithin(at(loss.atS), lose, index));
  // An autoscaled service's pod of a lost node comes back in its old place once ready again.
  const back = sim.on("pod-back", (pod) => podBack(network, pod));
  for (const { service, replica, atMs } of podsBackInPlace(task, windowStartMs)) scheduleWithin(atMs, back, podOf(service, replica));
}

/**
 * The pods of an autoscaled service that a node failure reschedules, and when each comes back in
 * its old place (the model keeps its place): at its eviction plus its start-up, ms from the start
 * of warm-up. Before then its node is lost to it.
 */
export function podsBackInPlace(task: ReplicationTask, windowStartMs: number): Array<{ service: number; replica: number; atMs: number }> {
  const services = task.scenario.topology.services;
  return podTimeline(task).failures.flatMap(({ event, pods, evictedAfterMs }) =>
    pods
      .filter((pod) => pod.rescheduledTo !== undefined && pod.replacement === undefined)
      .map((pod) => ({
        service: pod.service,
        replica: pod.replica,
        atMs: windowStartMs + secondsToSimTime(event.atS) + (evictedAfterMs + podStartupMs(task.profile, services[pod.service].meshed)),
      })),
  );
}
