/**
 * The HorizontalPodAutoscalers of a run's services on its simulation. Every sync period each
 * reads its pods' CPU (app and sidecar) over the period against their requests and applies the
 * controller's rules (cluster/hpa-rules.ts). The service's maxReplicas pods are compiled up front;
 * callers balance over the first `network.serviceActive[s]` of them. A pod added becomes ready,
 * and joins the balancing, after the start-up delay; a pod removed leaves the balancing at once,
 * finishes the calls it holds, and its connections close. One event per sync and per pod started, none per request.
 */

import { HPA_SYNC_PERIOD_MS, HpaController, replicaRecommendation } from "../cluster/index.js";
import { secondsToSimTime, type Simulation } from "../engine/index.js";
import { resourcesOf, type RequestFlow } from "../mesh/index.js";
import type { ReplicationTask } from "./replication-task.js";
import { stationsByService, stationsCpuMs } from "./service-stations.js";

/** A change of a service's replicas, as the autoscaler decided it. */
export interface ScalingEvent {
  /** When, ms into the measured time. */
  atMs: number;
  service: string;
  from: number;
  to: number;
  /** The pods' mean CPU utilisation the decision read, percent of requests. */
  utilizationPercent: number;
}

/**
 * Schedules the autoscalers of `task`'s services; returns the list their decisions within the
 * measured window are added to (empty when no service autoscales). Call before the window's
 * opening is scheduled: the CPU counted before the counters reset is taken first.
 */
export function scheduleAutoscalers(sim: Simulation, flow: RequestFlow, task: ReplicationTask, windowStartMs: number, windowEndMs: number): ScalingEvent[] {
  const events: ScalingEvent[] = [];
  const { services } = task.scenario.topology;
  const scaled = services.flatMap((service, index) => (service.autoscaling ? [index] : []));
  if (scaled.length === 0) return events;
  const { network } = flow;
  const active = network.serviceActive;
  const stations = stationsByService(flow, task);
  const sidecar = task.profile.architecture === "sidecar" ? resourcesOf(task.profile.dataPlane?.proxy?.resources) : undefined;
  const units = scaled.map((index) => {
    const service = services[index];
    const autoscaling = service.autoscaling!;
    return {
      index,
      name: service.name,
      autoscaling,
      // The pod's requests: its app's and, when meshed with sidecars, its sidecar's (the HPA sums the containers').
      requestVcpu: (service.resources?.cpuRequest ?? 0) + (service.meshed ? (sidecar?.cpuRequest ?? 0) : 0),
      controller: new HpaController(autoscaling.minReplicas, autoscaling.maxReplicas),
      startupMs: secondsToSimTime(autoscaling.podStartupS),
      replicas: autoscaling.initialReplicas,
      cpuOffsetMs: 0,
      lastCpuMs: 0,
    };
  });
  // When each pod becomes ready (Infinity: not starting); a ready event that no longer matches is stale.
  const readyAtMs = new Float64Array(network.podCount).fill(Infinity);
  const replicaOf = new Int32Array(network.podCount).fill(-1);
  network.servicePods.forEach((pods) => pods.forEach((pod, replica) => (replicaOf[pod] = replica)));

  const podReady = sim.on("autoscaler-pod-ready", (pod) => {
    if (readyAtMs[pod] !== sim.now) return;
    readyAtMs[pod] = Infinity;
    const service = network.podService[pod];
    active[service] = Math.max(active[service], replicaOf[pod] + 1);
  });
  const windowOpens = sim.on("autoscaler-window-opens", () => {
    // The counters are about to restart from 0: keep what they held since the last sync.
    for (const unit of units) {
      unit.cpuOffsetMs = stationsCpuMs(flow, stations[unit.index]) - unit.lastCpuMs;
      unit.lastCpuMs = 0;
    }
  });
  const sync = sim.on("autoscaler-sync", () => {
    for (const unit of units) {
      const usedMs = stationsCpuMs(flow, stations[unit.index]);
      const periodCpuMs = unit.cpuOffsetMs + usedMs - unit.lastCpuMs;
      unit.lastCpuMs = usedMs;
      unit.cpuOffsetMs = 0;
      const ready = active[unit.index];
      const usedVcpu = periodCpuMs / HPA_SYNC_PERIOD_MS;
      const recommended = replicaRecommendation({ replicas: unit.replicas, ready, usedVcpu, requestVcpu: unit.requestVcpu, targetPercent: unit.autoscaling.targetCpuUtilization });
      const next = unit.controller.decide(sim.now, unit.replicas, recommended);
      if (next === unit.replicas) continue;
      const pods = network.servicePods[unit.index];
      if (next > unit.replicas) {
        for (let replica = unit.replicas; replica < next; replica++) {
          readyAtMs[pods[replica]] = sim.now + unit.startupMs;
          sim.schedule(unit.startupMs, podReady, pods[replica]);
        }
      } else {
        // The newest pods go first; they leave the balancing now and finish what they hold. Their
        // connections close (idle ones now, busy ones after their call), so a pod started later in
        // their place begins with empty pools and full handshakes.
        const removed: number[] = [];
        for (let replica = next; replica < unit.replicas; replica++) {
          readyAtMs[pods[replica]] = Infinity;
          removed.push(pods[replica]);
        }
        active[unit.index] = Math.min(active[unit.index], next);
        flow.connections.closePodConnections(removed);
      }
      if (sim.now >= windowStartMs && sim.now < windowEndMs) {
        const utilizationPercent = ready > 0 ? Math.round((usedVcpu / (ready * unit.requestVcpu)) * 1000) / 10 : 0;
        events.push({ atMs: sim.now - windowStartMs, service: unit.name, from: unit.replicas, to: next, utilizationPercent });
      }
      unit.replicas = next;
    }
    if (sim.now + HPA_SYNC_PERIOD_MS < windowEndMs) sim.schedule(HPA_SYNC_PERIOD_MS, sync, 0);
  });
  sim.schedule(windowStartMs, windowOpens, 0, 0);
  if (HPA_SYNC_PERIOD_MS < windowEndMs) sim.schedule(HPA_SYNC_PERIOD_MS, sync, 0);
  return events;
}
