/**
 * The HorizontalPodAutoscalers of a run's services on its simulation. Every sync period each
 * reads its pods' CPU (app and sidecar) over the period against their requests and applies the
 * controller's rules (cluster/hpa-rules.ts). The service's maxReplicas pods are compiled up front,
 * each on the node placement chose for it (mesh/preflight/run-placement.ts); callers balance over
 * the first `network.serviceActive[s]` of them (set through RequestFlow.setActiveReplicas, which
 * keeps the zones' balancing tables to them). A pod added is bound to its node when its requests
 * (app and sidecar) fit in what the node has left, else it stays pending until room frees; bound,
 * it becomes ready, and joins the balancing, after the start-up delay (on a lost node, not before
 * that node's pods come back in place). A pod removed leaves the
 * balancing at once, finishes the calls it holds, and its connections close. One event per sync
 * and per pod started, none per request.
 */

import { HPA_SYNC_PERIOD_MS, HpaController, NodeRoom, replicaRecommendation } from "../../cluster/index.js";
import type { Simulation } from "../../engine/index.js";
import { setPodRunning, type RequestFlow } from "../../mesh/index.js";
import { podRequests } from "./pod-requests.js";
import { PodLedger, type PodLedgerTotals } from "./pod-ledger.js";
import { podsBackInPlace } from "./pod-cpu.js";
import { podStartupMs } from "./pod-endpoints.js";
import type { ReplicationTask, ScalingEvent } from "./replication-task.js";
import { stationsByService, stationsCpuMs } from "./service-stations.js";

/** A run's autoscalers, as the rest of the replication sees them. */
export interface Autoscalers {
  /** Their decisions within the measured window. */
  events: ScalingEvent[];
  /** Pods of each service (scenario order) pending now, waiting for room on a node. */
  pending: Int32Array;
  /** Pods of each service (scenario order) ready now. */
  ready(): number[];
  /** What the pods did over the window; call once the simulation has run. */
  totals(): PodLedgerTotals;
  /** What the pods did from the window's opening to now (the timeline's samples). */
  totalsSoFar(): PodLedgerTotals;
}

/**
 * Schedules the autoscalers of `task`'s services; undefined when no service autoscales. Call
 * before the window's opening is scheduled: the CPU counted before the counters reset is taken first.
 */
export function scheduleAutoscalers(sim: Simulation, flow: RequestFlow, task: ReplicationTask, windowStartMs: number, windowEndMs: number): Autoscalers | undefined {
  const events: ScalingEvent[] = [];
  const { services, cluster } = task.scenario.topology;
  const scaled = services.flatMap((service, index) => (service.autoscaling ? [index] : []));
  if (scaled.length === 0) return undefined;
  const { network } = flow;
  const active = network.serviceActive;
  const stations = stationsByService(flow, task);
  const requested = task.mesh.placement.requested;
  // Room is tracked only when the scenario declares machines; otherwise every pod fits.
  const room = cluster.allocatable && requested ? new NodeRoom(cluster.allocatable, requested) : undefined;
  const bound = Int32Array.from(services, (service) => service.autoscaling?.initialReplicas ?? service.replicas);
  const pending = new Int32Array(services.length);
  const ledger = new PodLedger(network.podCount, network.servicePods, bound, pending, room, windowStartMs, windowEndMs);
  // A pod not bound yet does not exist: the network starts its containers stopped (a sidecar's
  // idle CPU counts from when it is bound).
  const units = scaled.map((index) => {
    const service = services[index];
    const autoscaling = service.autoscaling!;
    const requests = podRequests(task, service);
    return {
      index,
      name: service.name,
      autoscaling,
      requestVcpu: requests.vcpu,
      requestMemoryMb: requests.memoryMb,
      controller: new HpaController(autoscaling.minReplicas, autoscaling.maxReplicas),
      // Ready once its containers are, a sidecar's included (its proxyStartupS), as a rollout's pod.
      startupMs: podStartupMs(task.profile, service.meshed, autoscaling.podStartupS),
      replicas: autoscaling.initialReplicas,
      cpuOffsetMs: 0,
      lastCpuMs: 0,
    };
  });
  type Unit = (typeof units)[number];
  // When each pod becomes ready (Infinity: not starting); a ready event that no longer matches is stale.
  const readyAtMs = new Float64Array(network.podCount).fill(Infinity);
  const replicaOf = new Int32Array(network.podCount).fill(-1);
  network.servicePods.forEach((pods) => pods.forEach((pod, replica) => (replicaOf[pod] = replica)));

  // A pod whose node is lost cannot start there: as a pod bound to a dead node stays not ready
  // until it is evicted and started elsewhere, it is ready only once the model brings that node's
  // pods back in place (not within the run, when none comes back in it). Till then it is out of
  // the endpoints, though the pods after it in the balancing's prefix are ready.
  const backAtMs = new Float64Array(network.podCount).fill(Infinity);
  for (const { service, replica, atMs } of podsBackInPlace(task, windowStartMs)) backAtMs[network.servicePods[service][replica]] = atMs;
  /** Pods waiting for their lost node's pods to come back (1), within the balancing's prefix or not. */
  const waitingForNode = new Uint8Array(network.podCount);
  /** The service's ready pods: those in the balancing less those waiting for their node. */
  const readyOf = (service: number): number => {
    let waiting = 0;
    for (const pod of network.servicePods[service].subarray(0, active[service])) waiting += waitingForNode[pod];
    return active[service] - waiting;
  };
  const podReady = sim.on("autoscaler-pod-ready", (pod) => {
    if (readyAtMs[pod] !== sim.now) return;
    waitingForNode[pod] = 0;
    if (network.nodeLost[network.podNode[pod]] === 1 && backAtMs[pod] > sim.now) {
      readyAtMs[pod] = backAtMs[pod];
      waitingForNode[pod] = 1;
      flow.setEndpoint(pod, false);
      if (backAtMs[pod] < windowEndMs) sim.scheduleAt(backAtMs[pod], podReady, pod);
      return;
    }
    readyAtMs[pod] = Infinity;
    const service = network.podService[pod];
    flow.setActiveReplicas(service, Math.max(active[service], replicaOf[pod] + 1));
  });
  /**
   * Binds the unit's pending pods in replica order while each fits on its node; the first that
   * does not holds the rest back, so the bound pods stay the first of the service's list.
   */
  const bind = (unit: Unit): void => {
    const pods = network.servicePods[unit.index];
    while (bound[unit.index] < unit.replicas) {
      const pod = pods[bound[unit.index]];
      if (room && !room.tryAdd(network.podNode[pod], unit.requestVcpu, unit.requestMemoryMb)) break;
      bound[unit.index]++;
      waitingForNode[pod] = 0;
      setPodRunning(network, pod, true);
      readyAtMs[pod] = sim.now + unit.startupMs;
      sim.schedule(unit.startupMs, podReady, pod);
    }
    pending[unit.index] = unit.replicas - bound[unit.index];
  };
  const windowOpens = sim.on("autoscaler-window-opens", () => {
    // The counters are about to restart from 0: keep what they held since the last sync.
    for (const unit of units) {
      unit.cpuOffsetMs = stationsCpuMs(flow, stations[unit.index]) - unit.lastCpuMs;
      unit.lastCpuMs = 0;
    }
    ledger.advance(sim.now);
    ledger.notePending(sim.now);
  });
  const windowCloses = sim.on("autoscaler-window-closes", () => ledger.advance(sim.now));
  const sync = sim.on("autoscaler-sync", () => {
    ledger.advance(sim.now);
    let freed = false;
    for (const unit of units) {
      const usedMs = stationsCpuMs(flow, stations[unit.index]);
      const periodCpuMs = unit.cpuOffsetMs + usedMs - unit.lastCpuMs;
      unit.lastCpuMs = usedMs;
      unit.cpuOffsetMs = 0;
      const ready = readyOf(unit.index);
      const usedVcpu = periodCpuMs / HPA_SYNC_PERIOD_MS;
      // spec.replicas counts pods pending and starting: the controller sees them as not ready.
      const recommended = replicaRecommendation({ replicas: unit.replicas, ready, usedVcpu, requestVcpu: unit.requestVcpu, targetPercent: unit.autoscaling.targetCpuUtilization });
      const next = unit.controller.decide(sim.now, unit.replicas, recommended);
      if (next === unit.replicas) continue;
      const pods = network.servicePods[unit.index];
      const from = unit.replicas;
      unit.replicas = next;
      if (next > from) {
        bind(unit);
      } else {
        // The newest pods go first (pending ones, then starting, then ready, as a ReplicaSet
        // deletes them); they leave the balancing now and finish what they hold. Their
        // connections close (idle ones now, busy ones after their call), so a pod started later
        // in their place begins with empty pools and full handshakes.
        const removed: number[] = [];
        for (let replica = next; replica < bound[unit.index]; replica++) {
          readyAtMs[pods[replica]] = Infinity;
          removed.push(pods[replica]);
          setPodRunning(network, pods[replica], false);
          room?.remove(network.podNode[pods[replica]], unit.requestVcpu, unit.requestMemoryMb);
        }
        freed ||= removed.length > 0;
        bound[unit.index] = Math.min(bound[unit.index], next);
        pending[unit.index] = next - bound[unit.index];
        flow.setActiveReplicas(unit.index, Math.min(active[unit.index], next));
        flow.connections.closePodConnections(removed);
      }
      if (sim.now >= windowStartMs && sim.now < windowEndMs) {
        const utilizationPercent = ready > 0 ? Math.round((usedVcpu / (ready * unit.requestVcpu)) * 1000) / 10 : 0;
        const waiting = pending[unit.index];
        events.push({ atMs: sim.now - windowStartMs, service: unit.name, from, to: next, utilizationPercent, ...(waiting > 0 ? { pending: waiting } : {}) });
      }
    }
    // A pod deleted is a cluster event on which kube-scheduler retries the pods it could not place.
    if (freed && room) for (const unit of units) bind(unit);
    ledger.notePending(sim.now);
    if (sim.now + HPA_SYNC_PERIOD_MS < windowEndMs) sim.schedule(HPA_SYNC_PERIOD_MS, sync, 0);
  });
  sim.schedule(windowStartMs, windowOpens, 0, 0);
  sim.schedule(windowEndMs, windowCloses, 0, 0);
  if (HPA_SYNC_PERIOD_MS < windowEndMs) sim.schedule(HPA_SYNC_PERIOD_MS, sync, 0);
  return { events, pending, ready: () => services.map((_, index) => readyOf(index)), totals: () => ledger.totals(), totalsSoFar: () => ledger.totalsSoFar(sim.now) };
}
