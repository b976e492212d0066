/**
 * A scenario's `timeline` resolved: each event checked against the services and traffic rules
 * it names (what a schema cannot check), with defaults applied, in time order.
 */

import { DEFAULT_MAX_SURGE_PERCENT, DEFAULT_MAX_UNAVAILABLE_PERCENT, DEFAULT_POD_STARTUP_S, DEFAULT_TOLERATION_SECONDS, nodesOfClusters, nodesOfZones, type ClusterShape } from "../cluster/index.js";
import type { Service, TrafficRule } from "../mesh/index.js";
import { DEFAULT_RESTART_DOWN_S, sortTimeline, type TimelineEvent } from "../workload/index.js";
import type { RawTimelineEvent } from "./raw-scenario.js";
import { suggest } from "./validate-document.js";
import type { Fail } from "./_fail.js";
import { isZeroPodsOrPercent, podsOrPercentProblem } from "./_pods-or-percent.js";

/**
 * The events of `raw`, in time order.
 * @throws ScenarioError (through `fail`) naming the event's field for an unknown service or host,
 *   a host without a rule, weights that leave out a backend, or more replicas than the service has
 */
export function resolveTimeline(raw: RawTimelineEvent[], services: Service[], traffic: TrafficRule[], fail: Fail, cluster?: ClusterShape): TimelineEvent[] {
  const events = raw.map((event, index): TimelineEvent => {
    const field = `timeline[${index}]`;
    if (event.weights) return { atS: event.atS, kind: "weights", ...resolveWeights(event.weights, traffic, `${field}.weights`, fail) };
    if (event.outage) {
      const service = serviceNamed(event.outage.service, services, `${field}.outage.service`, fail);
      return { atS: event.atS, kind: "outage", service: service.name, replicas: firstReplicas(service, event.outage.replicas, `${field}.outage.replicas`, fail), durationS: event.outage.durationS };
    }
    if (event.restart) {
      const service = serviceNamed(event.restart.service, services, `${field}.restart.service`, fail);
      if (service.external) fail(`${field}.restart.service`, `names ${service.name}, which is outside the cluster: it has no pods to restart`);
      return {
        atS: event.atS,
        kind: "restart",
        service: service.name,
        replicas: firstReplicas(service, event.restart.replicas, `${field}.restart.replicas`, fail),
        downS: event.restart.downS ?? DEFAULT_RESTART_DOWN_S,
      };
    }
    if (event.rollout) {
      const service = serviceNamed(event.rollout.service, services, `${field}.rollout.service`, fail);
      if (service.external) fail(`${field}.rollout.service`, `names ${service.name}, which is outside the cluster: it has no pods to roll out`);
      if (service.autoscaling) fail(`${field}.rollout.service`, `names ${service.name}, which autoscales: a rollout of an autoscaled service is not modelled`);
      const maxSurge = podsOrPercent(event.rollout.maxSurge ?? `${DEFAULT_MAX_SURGE_PERCENT}%`, "maxSurge", `${field}.rollout.maxSurge`, fail);
      const maxUnavailable = podsOrPercent(event.rollout.maxUnavailable ?? `${DEFAULT_MAX_UNAVAILABLE_PERCENT}%`, "maxUnavailable", `${field}.rollout.maxUnavailable`, fail);
      // The API refuses such a Deployment: no pod could ever be replaced.
      if (isZeroPodsOrPercent(maxSurge) && isZeroPodsOrPercent(maxUnavailable)) fail(`${field}.rollout.maxUnavailable`, "may not be 0 when maxSurge is 0, as the Kubernetes API says: the rollout could never replace a pod");
      return { atS: event.atS, kind: "rollout", service: service.name, maxSurge, maxUnavailable, podStartupS: event.rollout.podStartupS ?? DEFAULT_POD_STARTUP_S };
    }
    if (event.nodeDown) {
      const nodes = cluster?.nodes ?? 1;
      if (event.nodeDown.node >= nodes) fail(`${field}.nodeDown.node`, `must be a node index below cluster.nodes (${nodes}), got ${event.nodeDown.node}`);
      return { atS: event.atS, kind: "node-down", nodes: [event.nodeDown.node], tolerationSeconds: event.nodeDown.tolerationSeconds ?? DEFAULT_TOLERATION_SECONDS };
    }
    if (event.zoneDown) {
      const zones = cluster?.zones;
      if (!zones) return fail(`${field}.zoneDown.zone`, "needs cluster.zones: the cluster has no zones");
      const zone = zones.names.indexOf(event.zoneDown.zone);
      if (zone < 0) {
        const hint = suggest(event.zoneDown.zone, zones.names);
        return fail(`${field}.zoneDown.zone`, `names unknown zone ${event.zoneDown.zone}${hint ? `, did you mean ${hint}?` : ""}`);
      }
      const nodes = nodesOfZones(zones)[zone];
      return { atS: event.atS, kind: "node-down", nodes, zone: event.zoneDown.zone, tolerationSeconds: event.zoneDown.tolerationSeconds ?? DEFAULT_TOLERATION_SECONDS };
    }
    if (event.clusterDown) {
      const clusters = cluster?.zones?.clusters;
      if (!clusters) return fail(`${field}.clusterDown.cluster`, "needs clusters: the scenario declares one cluster");
      const index = clusters.names.indexOf(event.clusterDown.cluster);
      if (index < 0) {
        const hint = suggest(event.clusterDown.cluster, clusters.names);
        return fail(`${field}.clusterDown.cluster`, `names unknown cluster ${event.clusterDown.cluster}${hint ? `, did you mean ${hint}?` : ""}`);
      }
      const nodes = nodesOfClusters(clusters, cluster!.zones!.nodeZone)[index];
      return { atS: event.atS, kind: "node-down", nodes, cluster: event.clusterDown.cluster, tolerationSeconds: event.clusterDown.tolerationSeconds ?? DEFAULT_TOLERATION_SECONDS };
    }
    return { atS: event.atS, kind: "rotate-certificates" };
  });
  return sortTimeline(events);
}

// --- internal ---

/** A Deployment strategy's count of pods or percentage ("25%"), as given. */
function podsOrPercent(value: unknown, name: "maxSurge" | "maxUnavailable", field: string, fail: Fail): number | string {
  const problem = podsOrPercentProblem(value, name);
  return problem === undefined ? (value as number | string) : fail(field, problem);
}

function serviceNamed(name: string, services: Service[], field: string, fail: Fail): Service {
  const service = services.find((candidate) => candidate.name === name);
  if (service) return service;
  const hint = suggest(name, services.map((candidate) => candidate.name));
  return fail(field, `names unknown service ${name}${hint ? `, did you mean ${hint}?` : ""}`);
}

function firstReplicas(service: Service, count: number | undefined, field: string, fail: Fail): number[] {
  const replicas = count ?? service.replicas;
  if (replicas > service.replicas) fail(field, `must be at most ${service.name}'s replicas (${service.replicas}), got ${replicas}`);
  return Array.from({ length: replicas }, (_, replica) => replica);
}

function resolveWeights(raw: { host: string; backends: Record<string, number> }, traffic: TrafficRule[], field: string, fail: Fail): { host: string; weights: Record<string, number> } {
  const rule = traffic.find((candidate) => candidate.host === raw.host);
  if (!rule) {
    const hint = suggest(raw.host, traffic.map((candidate) => candidate.host));
    return fail(`${field}.host`, `names ${raw.host}, which has no traffic rule to change${hint ? `, did you mean ${hint}?` : ""}`);
  }
  const backends = [...new Set(rule.routes.flatMap((route) => route.backends.map((backend) => backend.service)))];
  for (const name of Object.keys(raw.backends)) {
    if (!backends.includes(name)) fail(`${field}.backends.${name}`, `is not a backend of ${raw.host}'s rule (${backends.join(", ")})`);
  }
  const missing = backends.filter((name) => !(name in raw.backends));
  if (missing.length > 0) fail(`${field}.backends`, `must give every backend of ${raw.host}'s rule a weight; ${missing.join(", ")} has none`);
  for (const [r, route] of rule.routes.entries()) {
    if (route.backends.every((backend) => raw.backends[backend.service] === 0)) fail(`${field}.backends`, `leave route ${r} of ${raw.host}'s rule with no weight`);
  }
  return { host: raw.host, weights: { ...raw.backends } };
}
