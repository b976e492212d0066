/**
 * Turns the results of all tasks (in task order) into the `runs` of the results document: the
 * replications of each (mesh, load point) merged exactly, plus prices and warnings. The one
 * path for unsharded runs and for merged shards, so both give the same bytes.
 */

import type { ReplicationResult, ReplicationTask } from "../replication/index.js";
import type { RunPlan } from "../plan/index.js";
import { securityWarnings } from "./security-warnings.js";
import type { RunSummary } from "../results/index.js";
import { monthlyCost, summarizeRun } from "./summarize-run.js";
import { priceZoneTraffic } from "./summarize-zone-traffic.js";
import { summarizeClusterTraffic } from "./summarize-cluster-traffic.js";
import { addTelemetryReport } from "./telemetry-report.js";
import { trafficWarnings } from "./traffic-warnings.js";
import { podEventWarnings } from "./pod-event-warnings.js";
import { lostForwarderWarnings } from "./lost-forwarder-warnings.js";
import { rotationWarnings, timelineWarnings } from "./timeline-warnings.js";
import { summarizeTimeline } from "./summarize-timeline.js";
import { runEvents, scalingEvents } from "./run-events.js";
import { proxyScopeWarning } from "../../mesh/index.js";
import { sortTimeline } from "../../workload/index.js";

/**
 * The runs of a plan from its tasks and their results, both in task order.
 * @throws RangeError when results and tasks do not line up
 */
export function assembleRuns(plan: RunPlan, tasks: ReplicationTask[], results: ReplicationResult[]): RunSummary[] {
  if (results.length !== tasks.length) throw new RangeError(`expected ${tasks.length} task results, got ${results.length}`);
  const runs: RunSummary[] = [];
  for (let first = 0; first < results.length; first += plan.replications) {
    const task = tasks[first];
    const replications = results.slice(first, first + plan.replications);
    const { topology, load, mesh } = plan.scenario;
    // A closed loop has no offered rate (rps 0): its load is its users, its rate the throughput.
    const users = load.type === "closed" ? { users: load.connections } : {};
    const run = summarizeRun({ mesh: task.meshId, mtls: task.mtls, rps: task.ratePerSec, ...users, durationS: task.durationS }, replications);
    addTelemetryReport(run, task, plan.scenario, replications);
    if (plan.scenario.pricing) run.resources.monthlyCost = monthlyCost(run.resources, plan.scenario.pricing);
    const zones = topology.cluster.zones;
    const regionOf = zones?.clusters ? (zone: string) => zones.clusters!.regions[zones.clusters!.zoneCluster[zones.names.indexOf(zone)]] : undefined;
    if (plan.scenario.pricing && run.zoneTraffic) priceZoneTraffic(run.zoneTraffic, plan.scenario.pricing, regionOf);
    if (zones?.clusters && run.zoneTraffic) run.clusterTraffic = summarizeClusterTraffic(run.zoneTraffic, zones.clusters, zones.names);
    const strict = task.mtls === "strict" || task.mesh.mtlsByService.includes("strict");
    run.warnings.push(...securityWarnings(run, task.profile, { strict, encryption: mesh.encryption }));
    run.warnings.push(
      ...trafficWarnings(run, task.profile, {
        topology,
        l7: mesh.l7,
        clientMeshed: load.client.meshed,
        ingressGateway: task.mesh.ingressGateway,
      }),
    );
    const scopeWarning = proxyScopeWarning(task.profile, mesh.proxyScope);
    if (scopeWarning !== undefined) run.warnings.push(scopeWarning);
    run.warnings.push(...podEventWarnings(task));
    run.warnings.push(...lostForwarderWarnings(task));
    run.warnings.push(...timelineWarnings(task));
    run.warnings.push(...rotationWarnings(task));
    const services = topology.services.map((service) => (service.external ? undefined : service.name));
    const timeline = summarizeTimeline(replications, replications.reduce((sum, r) => sum + r.windowMs, 0), services);
    const events = timeline ? sortTimeline([...runEvents(task), ...scalingEvents(replications)]) : [];
    runs.push(timeline ? { ...run, timeline, ...(events.length > 0 ? { events } : {}) } : run);
  }
  return runs;
}
