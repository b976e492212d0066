/**
 * Runs one replication, start to finish, in the calling thread: builds the simulation from the
 * task, drives the load through the request flow, drains in-flight requests, and returns what
 * was measured. Pure in the sense that matters: the same task always gives the same result.
 */

import { Simulation, SimulationError, secondsToSimTime } from "../../engine/index.js";
import { FAILURE_REASONS, OverloadError, RequestFlow, staticResources, type StaticResources, type StreamFactory, type Topology, type TrafficCounts } from "../../mesh/index.js";
import { IdleCpuError } from "../../queueing/index.js";
import { createRng, createSampler } from "../../random/index.js";
import { ClosedLoop, OpenLoop, createRequestMix, createStagedInterarrival, userSteps, type Workload } from "../../workload/index.js";
import { CallRecorder } from "./call-recorder.js";
import { addThrottling, nodeTotals } from "./node-totals.js";
import type { HopTotals, NodeTotals, ReplicationResult, ReplicationTask } from "./replication-task.js";
import { RequestRecorder } from "./request-recorder.js";
import { TimelineRecorder } from "./timeline-recorder.js";
import { scheduleTimelineSamples } from "./timeline-samples.js";
import { taskFlowOptions } from "./task-flow-options.js";
import { OtlpTraceFile } from "./traces/otlp-trace-file.js";
import { scheduleTimeline } from "./schedule-timeline.js";
import { scheduleLostClusterEndpoints } from "./lost-cluster-endpoints.js";
import { scheduleAutoscalers } from "./autoscaler.js";
import { schedulePodCpu } from "./pod-cpu.js";
import { runningResources } from "./running-resources.js";
import type { PodLedgerTotals } from "./pod-ledger.js";

/**
 * Calls in flight beyond which a run is declared overloaded. Far above any stable system's
 * queue (a stable M/M/1 at utilisation 0.99 averages ~100) and small enough to bound memory.
 */
export const DEFAULT_MAX_IN_FLIGHT = 200_000;

/**
 * Simulates one task.
 * @throws OverloadError when the calls in flight exceed DEFAULT_MAX_IN_FLIGHT (queues grow without bound)
 */
export function runReplication(task: ReplicationTask): ReplicationResult {
  const windowStartMs = secondsToSimTime(task.warmupS);
  const windowEndMs = windowStartMs + secondsToSimTime(task.durationS);
  const traces = task.traces ? new OtlpTraceFile(task, task.traces, windowStartMs, windowEndMs) : undefined;
  try {
    return simulate(task, windowStartMs, windowEndMs, traces);
  } finally {
    traces?.close();
  }
}

// --- internal ---

function simulate(task: ReplicationTask, windowStartMs: number, windowEndMs: number, traces: OtlpTraceFile | undefined): ReplicationResult {
  const { scenario } = task;
  const { topology, load } = scenario;
  const sim = new Simulation();
  const streams: StreamFactory = (...purpose) =>
    createRng(task.seed, "load", task.loadPointKey, "replication", task.replication, ...purpose);

  const recorder = new RequestRecorder(topology.requestTypes.map((type) => type.name), windowStartMs, windowEndMs);
  const timeline = task.intervalS !== undefined ? new TimelineRecorder(windowStartMs, windowEndMs, secondsToSimTime(task.intervalS)) : undefined;
  // The golden signals per service and edge are part of the telemetry report only (runs[].telemetry).
  const calls = recordsCalls(task) ? new CallRecorder(topology.services.length, windowStartMs, windowEndMs) : undefined;
  let workload: Workload | undefined;
  let openLoop: OpenLoop | undefined;
  const flow = new RequestFlow(sim, {
    ...taskFlowOptions(task),
    streams,
    maxInFlight: DEFAULT_MAX_IN_FLIGHT,
    ...(traces ? { traces } : {}),
    ...(calls ? { calls } : {}),
    observer: {
      requestCompleted: (type, intendedStartMs, tag) => {
        recorder.completed(type, intendedStartMs, sim.now);
        if (timeline) {
          timeline.offered(intendedStartMs);
          timeline.completed(sim.now, sim.now - intendedStartMs);
        }
        workload!.requestDone(tag);
      },
      requestFailed: (type, intendedStartMs, tag, reason) => {
        recorder.failed(type, intendedStartMs, FAILURE_REASONS[reason]);
        if (timeline) {
          timeline.offered(intendedStartMs);
          timeline.failed(sim.now, FAILURE_REASONS[reason]);
        }
        workload!.requestDone(tag);
      },
    },
  });

  traces?.describe(flow.network);
  const nextRequestType = createRequestMix(
    topology.requestTypes.map((type) => type.weight),
    streams("mix"),
  );
  if (load.type === "open") {
    const meanGapMs = 1000 / task.ratePerSec;
    const interarrival = task.staged
      ? createStagedInterarrival(load.startRatePerSec ?? 0, windowStartMs, load.stages!, load.arrival === "uniform" ? () => 1 : createSampler({ type: "exponential", meanMs: 1 }, streams("arrivals")))
      : load.arrival === "uniform"
        ? () => meanGapMs
        : createSampler({ type: "exponential", meanMs: meanGapMs }, streams("arrivals"));
    openLoop = new OpenLoop(sim, flow, {
      interarrival,
      nextRequestType,
      endMs: windowEndMs,
      connections: load.connections,
      waitingLimit: { requests: DEFAULT_MAX_IN_FLIGHT, overload: (nowMs) => connectionsOverload(DEFAULT_MAX_IN_FLIGHT, load.connections!, nowMs) },
    });
    workload = openLoop;
  } else {
    workload = new ClosedLoop(sim, flow, {
      users: load.connections ?? 1,
      ...(task.staged && load.userStages ? { userSteps: { startUsers: load.startUsers ?? 0, steps: userSteps(load.startUsers ?? 0, windowStartMs, load.userStages) } } : {}),
      thinkTime: createSampler(load.thinkTime, streams("think")),
      nextRequestType,
      endMs: windowEndMs,
    });
  }

  const { stations, cpus } = flow.network;
  const zones = flow.network.zones;
  let zoneTraffic: ReplicationResult["zoneTraffic"];
  const windowOpens = sim.on("window-opens", () => {
    zones?.reset();
    stations.forEach((station) => station.resetStats());
    cpus.nodes.forEach((node) => node.resetStats());
    flow.connections.resetCounts();
    flow.traffic?.counters.reset();
    openLoop?.resetStats();
  });
  const windowCloses = sim.on("window-closes", () => {
    if (zones) zoneTraffic = { zones: [...zones.names], calls: Array.from(zones.calls), bytes: Array.from(zones.bytes) };
    stations.forEach((station) => station.freezeUtilization());
    cpus.nodes.forEach((node) => node.freezeStats());
  });
  // Before the window's edges: the autoscalers take the CPU counted so far before the counters reset.
  const autoscalers = scheduleAutoscalers(sim, flow, task, windowStartMs, windowEndMs);
  // Priority 0: window edges take effect before anything else happening at the same instant.
  sim.schedule(windowStartMs, windowOpens, 0, 0);
  sim.schedule(windowEndMs, windowCloses, 0, 0);
  scheduleTimeline(sim, flow, task, windowStartMs);
  scheduleLostClusterEndpoints(sim, flow, task, windowStartMs);
  schedulePodCpu(sim, flow, task, windowStartMs);
  if (timeline) scheduleTimelineSamples(sim, flow, task, timeline, windowStartMs, windowEndMs, autoscalers);
  workload.start();
  runUnwrappingOverload(sim);
  // With autoscalers the fixed costs follow the pods that ran, stretch by stretch.
  const running = autoscalers?.totals();
  const costed = running ? runningResources(topology, task.profile, task.mesh, load.client.meshed, running.spans) : undefined;
  const fixed: StaticResources = costed ? withoutMeanProxies(costed) : staticResources(topology, task.profile, task.mesh, load.client.meshed, load.client.node);
  const proxiesForMemory = costed ? costed.meanProxies : fixed.proxies;
  const overall = recorder.overall();

  const result: ReplicationResult = {
    task: { meshId: task.meshId, loadPointKey: task.loadPointKey, replication: task.replication },
    requests: { completed: overall.count, failed: sumOf(recorder.failedByReason), failedByReason: recorder.failedByReason },
    latency: overall.toJSON(),
    byRequestType: topology.requestTypes.map((type, index) => ({
      name: type.name,
      requests: {
        completed: recorder.byType[index].count,
        failed: sumOf(recorder.failedByTypeAndReason[index]),
        failedByReason: recorder.failedByTypeAndReason[index],
      },
      latency: recorder.byType[index].toJSON(),
    })),
    ...(calls ? { calls: calls.totals() } : {}),
    hops: hopTotals(flow),
    connections: flow.connections.counts(),
    ...clientConnectionsOf(openLoop),
    ...trafficOf(flow, topology),
    ...(zoneTraffic ? { zoneTraffic } : {}),
    staticResources: fixed,
    ...nodesOf(nodeTotals(flow, task, windowEndMs - windowStartMs, proxiesForMemory > 0 ? fixed.dataPlaneMemoryMb / proxiesForMemory : 0, running)),
    ...(timeline ? { timeline: timeline.totals() } : {}),
    ...(autoscalers && running ? { scaling: autoscalers.events, pending: pendingOf(topology, running) } : {}),
    windowMs: windowEndMs - windowStartMs,
    eventsProcessed: sim.eventsProcessed,
    simulatedMs: flow.network.idleFrom,
    peakInFlight: flow.peakInFlight,
  };
  recorder.release();
  return result;
}

/**
 * The error for an open loop whose requests queue for its fixed connections without end: the
 * offered rate is more than the connections carry, one request each at a time.
 */
function connectionsOverload(limit: number, connections: number, nowMs: number): OverloadError {
  return new OverloadError(
    `more than ${limit} requests waiting for the load generator's ${connections} connections at t=${(nowMs / 1000).toFixed(1)} s: ` +
      "the offered rate is more than they carry, one request per connection at a time (raise load.connections or lower the rate)",
    "load-generator",
  );
}

/** The load generator's waits for its fixed connections in the window, when it has fixed connections. */
function clientConnectionsOf(openLoop: OpenLoop | undefined): Pick<ReplicationResult, "clientConnections"> {
  const waits = openLoop?.connectionWaits();
  return waits ? { clientConnections: waits } : {};
}

/** Whether the run reports telemetry (the scenario sets mesh.telemetry under a mesh), and so its calls. */
function recordsCalls(task: ReplicationTask): boolean {
  return task.scenario.mesh.telemetry !== undefined && task.profile.architecture !== "none";
}

function trafficOf(flow: RequestFlow, topology: Topology): { traffic?: TrafficCounts } {
  return flow.traffic ? { traffic: flow.traffic.counts(topology.services.map((service) => service.name)) } : {};
}

function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** The autoscaled services' pending pods, by name. */
function pendingOf(topology: Topology, running: PodLedgerTotals): NonNullable<ReplicationResult["pending"]> {
  return topology.services.flatMap((service, index) => (service.autoscaling ? [{ service: service.name, ...running.pending[index] }] : []));
}

function withoutMeanProxies(costed: StaticResources & { meanProxies: number }): StaticResources {
  const { meanProxies: _mean, ...fixed } = costed;
  return fixed;
}

function nodesOf(nodes: NodeTotals[] | undefined): { nodes?: NodeTotals[] } {
  return nodes ? { nodes } : {};
}

function hopTotals(flow: RequestFlow): HopTotals[] {
  const groups = new Map<string, HopTotals>();
  const { stations, stationGroup } = flow.network;
  stations.forEach((station, index) => {
    const name = stationGroup[index];
    const stats = station.stats();
    let totals = groups.get(name);
    if (!totals) {
      totals = { station: name, visits: 0, waitMs: 0, serviceMs: 0, workerMs: 0, busyWorkerMs: 0, capacityWorkerMs: 0 };
      groups.set(name, totals);
    }
    totals.visits += stats.visits;
    totals.waitMs += stats.waitMs;
    totals.serviceMs += stats.serviceMs;
    totals.workerMs += stats.workerMs;
    totals.busyWorkerMs += stats.busyWorkerMs;
    totals.capacityWorkerMs += station.workers * stats.windowMs;
  });
  addThrottling(flow, groups);
  return [...groups.values()];
}

/**
 * Runs the simulation; an overload thrown from inside it (the in-flight guard) comes out as the
 * OverloadError it is, not as the engine's wrapping of a failed handler, so it is reported as
 * an overload (exit 2) whether it crosses a worker boundary or not.
 */
function runUnwrappingOverload(sim: Simulation): void {
  try {
    sim.run();
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof OverloadError) throw cause;
    // A pod started in the run (an autoscaler's, a replacement) whose sidecar's idle CPU leaves its node no cores.
    if (cause instanceof IdleCpuError) {
      const atS = error instanceof SimulationError ? ` at t=${(error.simTimeMs / 1000).toFixed(1)} s` : "";
      throw new OverloadError(
        `node ${cause.node} is overloaded${atS}: the idle CPU of the containers running on it (sidecars, node agents) reached ${cause.idleVcpu.toFixed(3)} of its ${cause.cores} vCPU; use bigger nodes (cluster.vcpuPerNode or cluster.machineType)`,
        cause.node,
      );
    }
    throw error;
  }
}
