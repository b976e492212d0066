/**
 * Puts a run's timeline on its simulation: each event at warm-up + atS, acting on the request
 * flow (a canary's weights, pods killed, rolled out or lost with their node, certificates
 * rotated); outages, a killed pod's time down and a lost node's pods until their replacements are
 * ready are outage windows of the topology the flow was built from (timelineTopology). When pods
 * leave and rejoin their Services' endpoints is PodEndpoints' business.
 */

import { secondsToSimTime, type Simulation } from "../engine/index.js";
import type { RequestFlow, Topology } from "../mesh/index.js";
import { sortTimeline, type RolloutEvent, type TimelineEvent } from "../workload/index.js";
import { rolloutLimits, rolloutWaves } from "../cluster/index.js";
import { nodeFailures, type NodeFailure } from "./node-failures.js";
import { PodEndpoints, podStartupMs } from "./pod-endpoints.js";
import type { ReplicationTask } from "./replication-task.js";

/**
 * The task's events in time order, within its measured time: the scenario's timeline with
 * `mesh.rotateCertificatesAtS` as a rotation among them.
 * @example taskTimeline(task).map((event) => event.kind)
 */
export function taskTimeline(task: ReplicationTask): TimelineEvent[] {
  return sortTimeline(scenarioEvents(task).filter((event) => event.atS < task.durationS));
}

/**
 * The task's events at or after the end of its measured time, in time order: they never happen
 * (the run's warnings say so).
 * @example eventsAfterTheRun(task).length // 0 when the whole timeline fits in the run
 */
export function eventsAfterTheRun(task: ReplicationTask): TimelineEvent[] {
  return sortTimeline(scenarioEvents(task).filter((event) => event.atS >= task.durationS));
}

/** The task's certificate rotations within the run (`mesh.rotateCertificatesAtS` among them). */
export function rotationsInTheRun(task: ReplicationTask): TimelineEvent[] {
  return scenarioEvents(task).filter((event) => event.kind === "rotate-certificates" && event.atS < task.durationS);
}

/**
 * The task's topology with its timeline's outages, killed pods' time down and lost nodes' pods
 * (until their replacements are ready; to the end when pending) as outage windows (ms from the
 * start of warm-up, as `failures.outages` counts); the topology itself when there are none.
 */
export function timelineTopology(task: ReplicationTask): Topology {
  const { topology } = task.scenario;
  const { services } = topology;
  // A node's pods refuse connections from its failure until their replacements are ready (pending: to the end).
  const nodeWindows = nodeFailures(task).flatMap(({ event, pods, evictedAfterMs }) => {
    const startMs = secondsToSimTime(task.warmupS + event.atS);
    return pods.map((pod) => {
      const service = services[pod.service];
      const endMs = pod.rescheduledTo === undefined ? Infinity : startMs + evictedAfterMs + podStartupMs(task.profile, service.meshed);
      return { service: service.name, outage: { replica: pod.replica, startMs, endMs } };
    });
  });
  const windows = taskTimeline(task).flatMap((event) => {
    if (event.kind !== "outage" && event.kind !== "restart") return [];
    const startMs = secondsToSimTime(task.warmupS + event.atS);
    const endMs = startMs + secondsToSimTime(event.kind === "outage" ? event.durationS : event.downS);
    return event.replicas.map((replica) => ({ service: event.service, outage: { replica, startMs, endMs } }));
  });
  windows.push(...nodeWindows);
  if (windows.length === 0) return topology;
  return {
    ...topology,
    services: topology.services.map((service) => {
      const added = windows.filter((window) => window.service === service.name).map((window) => window.outage);
      if (added.length === 0) return service;
      const failures = service.failures ?? { errorRate: 0, slowReplicas: [], outages: [] };
      return { ...service, failures: { ...failures, outages: [...failures.outages, ...added] } };
    }),
  };
}

/** Schedules the task's events that act on the flow (weights, restarts, rollouts, nodes lost, rotations). */
export function scheduleTimeline(sim: Simulation, flow: RequestFlow, task: ReplicationTask, windowStartMs: number): void {
  const services = task.scenario.topology.services.map((service) => service.name);
  const events = taskTimeline(task);
  // Only runs whose pods come and go register the endpoint events.
  const endpoints = events.some((event) => POD_EVENTS.has(event.kind)) ? new PodEndpoints(sim, flow, task.profile) : undefined;
  const failures = nodeFailures(task);
  for (const event of events) {
    const failure = failures.find((candidate) => candidate.event === event);
    const act = failure ? () => scheduleNodeFailure(endpoints!, flow, failure) : actionOf(event, flow, services, endpoints);
    if (act === undefined) continue;
    sim.schedule(windowStartMs + secondsToSimTime(event.atS), sim.on(`timeline-${event.kind}`, act), 0);
  }
}

// --- internal ---

/** The scenario's timeline with `mesh.rotateCertificatesAtS` as a rotation among it, as listed. */
function scenarioEvents(task: ReplicationTask): TimelineEvent[] {
  const { timeline = [], mesh } = task.scenario;
  const rotation: TimelineEvent[] = mesh.rotateCertificatesAtS !== undefined ? [{ atS: mesh.rotateCertificatesAtS, kind: "rotate-certificates" }] : [];
  return [...rotation, ...timeline];
}

/**
 * A rolling update's waves from now: each wave's new pods are ready one start-up later, when the
 * next wave starts; a stopped old pod leaves the endpoints at the wave's start (it finishes what
 * it holds), a replaced one serves until its new pod takes over.
 */
function scheduleRollout(endpoints: PodEndpoints, pods: Int32Array, event: RolloutEvent): void {
  const startupMs = endpoints.startupMs(pods[0], event.podStartupS);
  rolloutWaves(pods.length, rolloutLimits(pods.length, event.maxSurge, event.maxUnavailable)).forEach((wave, index) => {
    const startMs = index * startupMs;
    for (const replica of wave.stopped) endpoints.leave(pods[replica], startMs);
    for (const replica of [...wave.stopped, ...wave.replaced]) endpoints.replace(pods[replica], startMs + startupMs);
  });
}

/**
 * Nodes lost now: their pods die (calls they hold reset, connections close), stay in the endpoints
 * (refusing) until the node controller marks them not ready, and come back, new, in the endpoints
 * once evicted, rescheduled and ready; a pod that fits nowhere stays out.
 */
function scheduleNodeFailure(endpoints: PodEndpoints, flow: RequestFlow, failure: NodeFailure): void {
  const pods = failure.pods.map((pod) => flow.network.servicePods[pod.service][pod.replica]);
  flow.restartPods(pods);
  failure.pods.forEach((down, index) => {
    endpoints.leave(pods[index], failure.notReadyAfterMs);
    if (down.rescheduledTo !== undefined) endpoints.replace(pods[index], failure.evictedAfterMs + endpoints.startupMs(pods[index]));
  });
}

const POD_EVENTS = new Set<TimelineEvent["kind"]>(["restart", "rollout", "node-down"]);

function actionOf(event: TimelineEvent, flow: RequestFlow, services: string[], endpoints: PodEndpoints | undefined): (() => void) | undefined {
  switch (event.kind) {
    case "rotate-certificates":
      return () => flow.connections.rotateCertificates();
    case "weights": {
      const weights = new Map(Object.entries(event.weights).map(([service, weight]) => [services.indexOf(service), weight]));
      // Every mesh's proxies apply the rule; without them (no L7 proxy) there is no split to move.
      return flow.traffic ? () => flow.traffic!.setWeights(event.host, weights) : undefined;
    }
    case "restart": {
      const pods = event.replicas.map((replica) => flow.network.servicePods[services.indexOf(event.service)][replica]);
      return () => endpoints!.kill(pods, secondsToSimTime(event.downS));
    }
    case "rollout": {
      const pods = flow.network.servicePods[services.indexOf(event.service)];
      return () => scheduleRollout(endpoints!, pods, event);
    }
    case "outage":
    case "node-down":
      return undefined;
  }
}
