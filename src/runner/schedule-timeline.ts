/**
 * Puts a run's timeline on its simulation: each event at warm-up + atS, acting on the request
 * flow (a canary's weights, pods killed, certificates rotated); outages and a killed pod's time
 * down are outage windows of the topology the flow was built from (timelineTopology).
 */

import { secondsToSimTime, type Simulation } from "../engine/index.js";
import type { RequestFlow, Topology } from "../mesh/index.js";
import type { TimelineEvent } from "../workload/index.js";
import { PodEndpoints } from "./pod-endpoints.js";
import type { ReplicationTask } from "./replication-task.js";

/**
 * The task's events in time order, within its measured time: the scenario's timeline with
 * `mesh.rotateCertificatesAtS` as a rotation among them.
 * @example taskTimeline(task).map((event) => event.kind)
 */
export function taskTimeline(task: ReplicationTask): TimelineEvent[] {
  const { timeline = [], mesh } = task.scenario;
  const rotation: TimelineEvent[] = mesh.rotateCertificatesAtS !== undefined ? [{ atS: mesh.rotateCertificatesAtS, kind: "rotate-certificates" }] : [];
  const events = [...rotation, ...timeline].filter((event) => event.atS < task.durationS);
  return events.map((event, order) => ({ event, order })).sort((a, b) => a.event.atS - b.event.atS || a.order - b.order).map(({ event }) => event);
}

/**
 * The task's topology with its timeline's outages and killed pods' time down as outage windows
 * (ms from the start of warm-up, as `failures.outages` counts); the topology itself when there are none.
 */
export function timelineTopology(task: ReplicationTask): Topology {
  const { topology } = task.scenario;
  const windows = taskTimeline(task).flatMap((event) => {
    if (event.kind !== "outage" && event.kind !== "restart") return [];
    const startMs = secondsToSimTime(task.warmupS + event.atS);
    const endMs = startMs + secondsToSimTime(event.kind === "outage" ? event.durationS : event.downS);
    return event.replicas.map((replica) => ({ service: event.service, outage: { replica, startMs, endMs } }));
  });
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

/** Schedules the task's events that act on the flow (weights, restarts, rotations). */
export function scheduleTimeline(sim: Simulation, flow: RequestFlow, task: ReplicationTask, windowStartMs: number): void {
  const services = task.scenario.topology.services.map((service) => service.name);
  const events = taskTimeline(task);
  // Only runs whose pods come and go register the endpoint events.
  const endpoints = events.some((event) => POD_EVENTS.has(event.kind)) ? new PodEndpoints(sim, flow, task.profile) : undefined;
  for (const event of events) {
    const act = actionOf(event, flow, services, endpoints);
    if (act === undefined) continue;
    sim.schedule(windowStartMs + secondsToSimTime(event.atS), sim.on(`timeline-${event.kind}`, act), 0);
  }
}

// --- internal ---

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
    case "outage":
      return undefined;
  }
}
