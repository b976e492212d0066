/**
 * Puts a run's timeline on its simulation: each event at warm-up + atS, acting on the request
 * flow (a canary's weights, pods killed, rolled out or lost with their node, certificates
 * rotated); outages, a killed pod's time down and a lost node's pods until their replacements are
 * ready are outage windows of the topology the flow was built from (timelineTopology). When pods
 * leave and rejoin their Services' endpoints is PodEndpoints' business.
 */

import { secondsToSimTime, type Simulation } from "../../engine/index.js";
import type { MeshOptions, RequestFlow, Topology } from "../../mesh/index.js";
import type { TimelineEvent } from "../../workload/index.js";
import { rolloutLimits, rolloutWaves } from "../../cluster/index.js";
import type { NodeFailure } from "./node-failures.js";
import { podTimeline } from "./pod-timeline.js";
import type { RolloutPlan } from "./rollout-plan.js";
import { PodEndpoints, podStartupMs } from "./pod-endpoints.js";
import type { ReplicationTask } from "./replication-task.js";
import { taskTimeline } from "./task-timeline.js";

/**
 * The task's topology with its timeline's outages, killed pods' time down and lost nodes' pods
 * (for good; until they come back in place, for an autoscaled service's) as outage windows (ms
 * from the start of warm-up, as `failures.outages` counts), and with the pods its evictions and
 * rollouts create in the run (podTimeline) as replicas after the scenario's; the topology itself
 * when there are none.
 */
export function timelineTopology(task: ReplicationTask): Topology {
  const { topology } = task.scenario;
  const { services } = topology;
  // A lost node's pods refuse connections from its failure on; one that comes back in place, until it is ready.
  const pods = podTimeline(task);
  const nodeWindows = pods.failures.flatMap(({ event, pods, evictedAfterMs }) => {
    const startMs = secondsToSimTime(task.warmupS + event.atS);
    return pods.map((pod) => {
      const service = services[pod.service];
      const inPlace = pod.rescheduledTo !== undefined && pod.replacement === undefined;
      const endMs = inPlace ? startMs + evictedAfterMs + podStartupMs(task.profile, service.meshed) : Infinity;
      return { service: service.name, outage: { replica: pod.replica, startMs, endMs } };
    });
  });
  const added = pods.created.map((list) => list.length);
  const windows = taskTimeline(task).flatMap((event) => {
    if (event.kind !== "outage" && event.kind !== "restart") return [];
    const startMs = secondsToSimTime(task.warmupS + event.atS);
    const endMs = startMs + secondsToSimTime(event.kind === "outage" ? event.durationS : event.downS);
    return event.replicas.map((replica) => ({ service: event.service, outage: { replica, startMs, endMs } }));
  });
  windows.push(...nodeWindows);
  if (windows.length === 0 && added.every((count) => count === 0)) return topology;
  return {
    ...topology,
    services: topology.services.map((service, index) => {
      const outages = windows.filter((window) => window.service === service.name).map((window) => window.outage);
      const grown = added[index] > 0 ? { ...service, replicas: service.replicas + added[index] } : service;
      if (outages.length === 0) return grown;
      const failures = service.failures ?? { errorRate: 0, slowReplicas: [], outages: [] };
      return { ...grown, failures: { ...failures, outages: [...failures.outages, ...outages] } };
    }),
  };
}

/**
 * The task's mesh options with the pods its events create in the run placed on their nodes, after
 * each service's scenario replicas (see timelineTopology); they do not count as pods that can run
 * from the start (`runnable`), so the planning-time load checks see the run as it begins.
 */
export function timelineMesh(task: ReplicationTask): MeshOptions {
  const replacements = podTimeline(task).created;
  if (replacements.every((pods) => pods.length === 0)) return task.mesh;
  const { placement } = task.mesh;
  const services = task.scenario.topology.services;
  return {
    ...task.mesh,
    placement: {
      ...placement,
      services: placement.services.map((nodes, index) => [...nodes, ...replacements[index].map((pod) => pod.node)]),
      runnable: services.map((service, index) => placement.runnable?.[index] ?? service.replicas),
    },
  };
}

/** Schedules the task's events that act on the flow (weights, restarts, rollouts, nodes lost, rotations). */
export function scheduleTimeline(sim: Simulation, flow: RequestFlow, task: ReplicationTask, windowStartMs: number): void {
  const services = task.scenario.topology.services.map((service) => service.name);
  const events = taskTimeline(task);
  // Only runs whose pods come and go register the endpoint events.
  const endpoints = events.some((event) => POD_EVENTS.has(event.kind)) ? new PodEndpoints(sim, flow, task.profile) : undefined;
  const { failures, rollouts, created } = podTimeline(task);
  // A pod an event creates is not in its Service's endpoints until it is ready.
  for (const pods of created) for (const pod of pods) flow.setEndpoint(flow.network.servicePods[pod.service][pod.replica], false);
  for (const event of events) {
    const failure = failures.find((candidate) => candidate.event === event);
    const rollout = rollouts.find((candidate) => candidate.event === event);
    const act = failure ? () => scheduleNodeFailure(endpoints!, flow, failure) : rollout ? () => scheduleRollout(endpoints!, flow, rollout) : actionOf(event, flow, services, endpoints);
    if (act === undefined) continue;
    sim.schedule(windowStartMs + secondsToSimTime(event.atS), sim.on(`timeline-${event.kind}`, act), 0);
  }
}

// --- internal ---


/**
 * A rolling update from now. In place (no machines): each wave's new pods are ready one start-up
 * later, when the next wave starts; a stopped old pod leaves the endpoints at the wave's start (it
 * finishes what it holds), a replaced one serves until its new pod takes over. With machines, as
 * planned: old pods leave, new pods (on the nodes that had room) join when ready.
 */
function scheduleRollout(endpoints: PodEndpoints, flow: RequestFlow, plan: RolloutPlan): void {
  const servicePods = flow.network.servicePods[plan.service];
  const { event } = plan;
  if (plan.inPlace) {
    const pods = plan.inPlace.map((replica) => servicePods[replica]);
    const startupMs = endpoints.startupMs(pods[0], event.podStartupS);
    rolloutWaves(pods.length, rolloutLimits(pods.length, event.maxSurge, event.maxUnavailable)).forEach((wave, index) => {
      const startMs = index * startupMs;
      for (const replica of wave.stopped) endpoints.leave(pods[replica], startMs);
      for (const replica of [...wave.stopped, ...wave.replaced]) endpoints.replace(pods[replica], startMs + startupMs);
    });
    return;
  }
  for (const stop of plan.stops) endpoints.leave(servicePods[stop.replica], stop.afterMs);
  for (const start of plan.starts) endpoints.join(servicePods[start.replica], start.readyAfterMs);
}

/**
 * Nodes lost now: their pods die (calls they hold reset, connections close) and stay in the
 * endpoints (refusing) until the node controller marks them not ready. Once evicted, each is
 * replaced by a new pod on the node it was rescheduled to, which joins the endpoints when ready;
 * an autoscaled service's pod comes back in its old place instead; a pod that fits nowhere stays out.
 */
function scheduleNodeFailure(endpoints: PodEndpoints, flow: RequestFlow, failure: NodeFailure): void {
  const podOf = (service: number, replica: number) => flow.network.servicePods[service][replica];
  const pods = failure.pods.map((pod) => podOf(pod.service, pod.replica));
  flow.restartPods(pods);
  failure.pods.forEach((down, index) => {
    endpoints.leave(pods[index], failure.notReadyAfterMs);
    if (down.replacement !== undefined) {
      const created = podOf(down.service, down.replacement);
      endpoints.join(created, failure.evictedAfterMs + endpoints.startupMs(created));
    } else if (down.rescheduledTo !== undefined) {
      endpoints.replace(pods[index], failure.evictedAfterMs + endpoints.startupMs(pods[index]));
    }
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
    case "rollout":
    case "outage":
    case "node-down":
      return undefined;
  }
}
