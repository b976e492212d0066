/**
 * Merges the replications of one (mesh, load point) exactly, in replication order, into the
 * `runs[]` entry of the results document: percentiles of the merged histogram, confidence
 * intervals across replications, per-hop means and utilisations.
 */

import { LatencyHistogram, confidenceInterval95, snapshotPercentile, type LatencyHistogramJson } from "../../stats/index.js";
import type { HopTotals, ReplicationResult } from "../replication/index.js";
import { round, type HopSummary, type LatencySummary, type NodeSummary, type RequestCounts, type RunSummary, type TrafficSummary } from "../results/index.js";
import { addThrottlingTo } from "../replication/index.js";
import { summarizeTraffic } from "./summarize-traffic.js";
import { summarizeZoneTraffic } from "./summarize-zone-traffic.js";
import { pendingWarnings, summarizePending } from "./summarize-pending.js";
import { clientConnectionWarnings } from "./client-connection-warnings.js";

export interface RunIdentity {
  mesh: string;
  mtls: string;
  rps: number;
  /** Closed loop: the concurrent users (connections) that made the load. */
  users?: number;
  durationS: number;
}

/** Hours in an average month (365 x 24 / 12). */
const HOURS_PER_MONTH = 730;
const MB_PER_GB = 1024;

/**
 * Money per month for a run's resources at `pricing`.
 * @example monthlyCost(run.resources, { vcpuHour: 0.04, gbHour: 0.005, currency: "USD" })
 */
export function monthlyCost(
  resources: Pick<RunSummary["resources"], "dataPlane" | "controlPlane">,
  pricing: { vcpuHour: number; gbHour: number; currency: string },
): NonNullable<RunSummary["resources"]["monthlyCost"]> {
  const perMonth = (vcpu: number, memoryMb: number) => (vcpu * pricing.vcpuHour + (memoryMb / MB_PER_GB) * pricing.gbHour) * HOURS_PER_MONTH;
  const dataPlane = perMonth(resources.dataPlane.vcpu, resources.dataPlane.memoryMb);
  const controlPlane = perMonth(resources.controlPlane.vcpu, resources.controlPlane.memoryMb);
  return {
    dataPlane: Math.round(dataPlane * 100) / 100,
    controlPlane: Math.round(controlPlane * 100) / 100,
    total: Math.round((dataPlane + controlPlane) * 100) / 100,
    currency: pricing.currency,
  };
}

/**
 * Summarises the replications (given in replication order) of one run.
 * @throws RangeError when given no replications
 */
export function summarizeRun(identity: RunIdentity, replications: ReplicationResult[]): RunSummary {
  if (replications.length === 0) throw new RangeError("a run needs at least one replication");
  const warnings: string[] = [];
  // Each merge below is summarised before the next one reuses this histogram.
  const merged = new LatencyHistogram();
  const overall = mergeHistograms(replications.map((r) => r.latency), merged);
  const latencyMs = summarizeLatency(overall, replications.map((r) => r.latency), true);
  // The whole distribution, merged exactly from the replications: exports (Fortio's Data,
  // HdrHistogram) read it, and merging shards gives the same bytes as one run.
  const latencyHistogram = overall.toJSON();
  if (replications.length < 2) {
    warnings.push("one replication: no confidence intervals (use --replications 2 or more)");
  }
  const requests = sumCounts(replications.map((r) => r.requests));
  const windowMs = replications.reduce((sum, r) => sum + r.windowMs, 0);

  const byRequestType: RunSummary["byRequestType"] = {};
  replications[0].byRequestType.forEach((type, index) => {
    const snapshots = replications.map((r) => r.byRequestType[index].latency);
    byRequestType[type.name] = {
      latencyMs: summarizeLatency(mergeHistograms(snapshots, merged), snapshots),
      requests: sumCounts(replications.map((r) => r.byRequestType[index].requests)),
    };
  });

  // Failed requests made visits too (a retry storm fails many): per request means per request sent.
  const hops = summarizeHops(replications.map((r) => r.hops), requests.completed + requests.failed, windowMs);
  for (const hop of hops) {
    if (hop.utilization >= 0.9) {
      warnings.push(`${hop.station} is ${(hop.utilization * 100).toFixed(0)}% busy: close to saturation, tails are very sensitive to load`);
    }
  }
  // Worker time is CPU time: an app's service time, a proxy's CPU per pass.
  const allHops = replications.flatMap((r) => r.hops);
  const appHops = allHops.filter((hop) => hop.station.startsWith("app/"));
  const appCpuMs = appHops.reduce((sum, hop) => sum + hop.workerMs, 0);
  const meshCpuMs = allHops.filter(isDataPlaneHop).reduce((sum, hop) => sum + hop.workerMs, 0);
  const appCallsPerSec = windowMs > 0 ? (appHops.reduce((sum, hop) => sum + hop.visits, 0) / windowMs) * 1000 : 0;
  const fixed = meanStaticResources(replications);
  const nodes = summarizeNodes(replications, windowMs);
  warnings.push(...cpuWarnings(nodes, hops));
  warnings.push(...clientConnectionWarnings(replications, latencyMs.mean));
  const pendingPods = summarizePending(replications);
  if (pendingPods) warnings.push(...pendingWarnings(pendingPods));

  return {
    ...identity,
    replications: replications.length,
    throughputPerSec: round(windowMs > 0 ? (requests.completed / windowMs) * 1000 : 0),
    requests,
    connections: sumConnections(replications, requests.completed + requests.failed),
    latencyMs,
    latencyHistogram,
    ...withTraffic(summarizeTraffic(replications)),
    ...withZoneTraffic(replications),
    byRequestType,
    hops,
    resources: {
      dataPlane: {
        // Idle proxies burn CPU whatever the load (stats, xDS keep-alives, probes).
        vcpu: round((windowMs > 0 ? meshCpuMs / windowMs : 0) + fixed.dataPlaneIdleVcpu),
        memoryMb: round(fixed.dataPlaneMemoryMb),
        proxies: fixed.proxies,
        ...(nodes ? { requested: { vcpu: round(fixed.dataPlaneRequested.vcpu), memoryMb: round(fixed.dataPlaneRequested.memoryMb) } } : {}),
      },
      controlPlane: {
        vcpu: round(fixed.controlPlane.baseVcpu + (fixed.controlPlane.vcpuPer1000Rps * appCallsPerSec) / 1000),
        memoryMb: round(fixed.controlPlane.memoryMb),
        ...(fixed.controlPlane.clusters
          ? { clusters: fixed.controlPlane.clusters.map((plane) => ({ cluster: plane.cluster, memoryMb: round(plane.memoryMb), proxies: plane.proxies, remoteEndpoints: plane.remoteEndpoints })) }
          : {}),
      },
      app: { vcpu: round(windowMs > 0 ? appCpuMs / windowMs : 0) },
    },
    ...(nodes ? { nodes } : {}),
    ...(pendingPods ? { pendingPods } : {}),
    warnings,
  };
}

// --- internal ---

function withTraffic(traffic: TrafficSummary | undefined): { traffic?: TrafficSummary } {
  return traffic ? { traffic } : {};
}

function withZoneTraffic(replications: ReplicationResult[]): Pick<RunSummary, "zoneTraffic"> {
  const zoneTraffic = summarizeZoneTraffic(replications);
  return zoneTraffic ? { zoneTraffic } : {};
}

function sumConnections(replications: ReplicationResult[], requests: number): RunSummary["connections"] {
  const total = { opened: 0, resumed: 0, closedIdle: 0, handshakes: 0 };
  for (const { connections } of replications) {
    total.opened += connections.opened;
    total.resumed += connections.resumed;
    total.closedIdle += connections.closedIdle;
    total.handshakes += connections.handshakes;
  }
  return { ...total, handshakesPerRequest: round(requests > 0 ? total.handshakes / requests : 0) };
}

/** Proxies, agents and kernel hooks: everything that is neither the app nor outside the cluster. */
function isDataPlaneHop(hop: HopTotals): boolean {
  return !hop.station.startsWith("app/") && !hop.station.startsWith("external/");
}

/**
 * Merges histogram snapshots exactly: the same counts in any order (replications, shards). With
 * `into`, into that one, emptied first: a summary merging one request type after another reuses
 * one histogram, where a new one each time (280 KiB) took most of its merging time.
 */
export function mergeHistograms(snapshots: LatencyHistogramJson[], into?: LatencyHistogram): LatencyHistogram {
  const merged = into ?? new LatencyHistogram();
  if (into) merged.reset();
  for (const snapshot of snapshots) merged.mergeJSON(snapshot);
  return merged;
}

/**
 * The latency of merged histogram `merged`: its percentiles, with 95% intervals across the
 * replications' own; with `keepReplications`, those own p50s and p99s too (`replications`).
 */
function summarizeLatency(merged: LatencyHistogram, perReplication: LatencyHistogramJson[], keepReplications = false): LatencySummary {
  const summary: LatencySummary = {
    mean: round(merged.count > 0 ? merged.mean : 0),
    p50: round(merged.valueAtPercentile(50)),
    p90: round(merged.valueAtPercentile(90)),
    p99: round(merged.valueAtPercentile(99)),
    p999: round(merged.valueAtPercentile(99.9)),
    max: round(merged.count > 0 ? merged.max : 0),
    min: round(merged.count > 0 ? merged.min : 0),
    stdDev: round(merged.count > 0 ? merged.stdDeviation : 0),
  };
  // Read from the snapshots themselves: a histogram of 280 KiB per replication and request
  // type took most of a large plan's summary.
  const replications = perReplication.map((snapshot) => ({ count: snapshot.count, p50: snapshotPercentile(snapshot, 50), p99: snapshotPercentile(snapshot, 99) }));
  const recorded = replications.filter((own) => own.count > 0);
  const interval = (p: "p50" | "p99"): [number, number] | null => {
    const bounds = confidenceInterval95(recorded.map((own) => own[p]));
    // A latency is never negative: with few, widely spread replications (a retry storm) the
    // symmetric t-interval reaches below 0, so its lower end is cut at 0.
    return bounds === null ? null : [round(Math.max(0, bounds[0])), round(bounds[1])];
  };
  summary.ci95 = { p50: interval("p50"), p99: interval("p99") };
  // Replication i of every mesh draws the same arrivals and service times, so the report pairs
  // two runs' replications (added-latency). A replication that completed nothing has no
  // percentile to pair, so then the run keeps none.
  if (keepReplications && replications.length >= 2 && recorded.length === replications.length) {
    summary.replications = {
      p50: replications.map((own) => round(own.p50)),
      p99: replications.map((own) => round(own.p99)),
    };
  }
  return summary;
}

function sumCounts(counts: RequestCounts[]): RequestCounts {
  const total: RequestCounts = { completed: 0, failed: 0, failedByReason: {} };
  for (const count of counts) {
    total.completed += count.completed;
    total.failed += count.failed;
    for (const [reason, n] of Object.entries(count.failedByReason)) {
      total.failedByReason[reason] = (total.failedByReason[reason] ?? 0) + n;
    }
  }
  return total;
}

function summarizeHops(perReplication: HopTotals[][], requests: number, windowMs: number): HopSummary[] {
  const groups = new Map<string, HopTotals>();
  for (const hops of perReplication) {
    for (const hop of hops) {
      const total = groups.get(hop.station) ?? { ...hop, visits: 0, waitMs: 0, serviceMs: 0, workerMs: 0, busyWorkerMs: 0, capacityWorkerMs: 0, throttling: undefined };
      if (hop.throttling) addThrottlingTo(total, hop.throttling);
      total.visits += hop.visits;
      total.waitMs += hop.waitMs;
      total.serviceMs += hop.serviceMs;
      total.workerMs += hop.workerMs;
      total.busyWorkerMs += hop.busyWorkerMs;
      total.capacityWorkerMs += hop.capacityWorkerMs;
      groups.set(hop.station, total);
    }
  }
  return [...groups.values()].map((hop) => ({
    station: hop.station,
    meanMs: round(hop.visits > 0 ? (hop.waitMs + hop.serviceMs) / hop.visits : 0),
    utilization: round(hop.capacityWorkerMs > 0 ? hop.busyWorkerMs / hop.capacityWorkerMs : 0),
    waitMs: round(hop.visits > 0 ? hop.waitMs / hop.visits : 0),
    serviceMs: round(hop.visits > 0 ? hop.serviceMs / hop.visits : 0),
    visitsPerRequest: round(requests > 0 ? hop.visits / requests : 0),
    vcpu: round(windowMs > 0 ? hop.workerMs / windowMs : 0),
    ...(hop.throttling ? { throttling: { ...hop.throttling, throttledMs: round(hop.throttling.throttledMs) } } : {}),
  }));
}

/**
 * The deployment's fixed costs: the same in every replication, except when an autoscaler made
 * each replication run its own pods (then their mean, replications weighing alike).
 */
function meanStaticResources(replications: ReplicationResult[]): ReplicationResult["staticResources"] {
  const first = replications[0].staticResources;
  if (!replications.some((r) => r.pending)) return first;
  const mean = (pick: (r: ReplicationResult["staticResources"]) => number) => replications.reduce((sum, r) => sum + pick(r.staticResources), 0) / replications.length;
  return {
    proxies: Math.max(...replications.map((r) => r.staticResources.proxies)),
    dataPlaneMemoryMb: mean((r) => r.dataPlaneMemoryMb),
    dataPlaneIdleVcpu: mean((r) => r.dataPlaneIdleVcpu),
    dataPlaneRequested: { vcpu: mean((r) => r.dataPlaneRequested.vcpu), memoryMb: mean((r) => r.dataPlaneRequested.memoryMb) },
    controlPlane: { ...first.controlPlane, memoryMb: mean((r) => r.controlPlane.memoryMb) },
  };
}

/** Each node over the replications: CPU by user per window, requests and memory. */
function summarizeNodes(replications: ReplicationResult[], windowMs: number): NodeSummary[] | undefined {
  const first = replications[0].nodes;
  if (!first || windowMs <= 0) return undefined;
  return first.map((node, index) => {
    const cpuMs = { app: 0, mesh: 0, kernel: 0, loadGenerator: 0 };
    for (const replication of replications) {
      const measured = replication.nodes![index].cpuMs;
      cpuMs.app += measured.app;
      cpuMs.mesh += measured.mesh;
      cpuMs.kernel += measured.kernel;
      cpuMs.loadGenerator += measured.loadGenerator;
    }
    const used = cpuMs.app + cpuMs.mesh + cpuMs.kernel + cpuMs.loadGenerator;
    return {
      node: node.node,
      vcpu: node.cores,
      cpuUtilization: round(used / (node.cores * windowMs)),
      cpuByUser: { app: round(cpuMs.app / windowMs), mesh: round(cpuMs.mesh / windowMs), kernel: round(cpuMs.kernel / windowMs), loadGenerator: round(cpuMs.loadGenerator / windowMs) },
      cpuRequested: round(node.cpuRequested),
      cpuAllocatable: round(node.cpuAllocatable),
      memoryMb: { used: round(node.memoryMb.used), requested: round(node.memoryMb.requested), allocatable: round(node.memoryMb.allocatable) },
      pods: node.pods,
    };
  });
}

/** Share of its CFS periods a group must be throttled in before it is warned about. */
const THROTTLED_WARNING_SHARE = 0.01;

/** Warnings for nodes near their cores and containers their CPU limit throttled. */
function cpuWarnings(nodes: NodeSummary[] | undefined, hops: HopSummary[]): string[] {
  const warnings: string[] = [];
  for (const node of nodes ?? []) {
    if (node.cpuUtilization >= 0.9) {
      warnings.push(`node ${node.node} is ${(node.cpuUtilization * 100).toFixed(0)}% busy on its ${node.vcpu} cores: every container on it slows (app ${node.cpuByUser.app.toFixed(2)}, mesh ${node.cpuByUser.mesh.toFixed(2)} vCPU)`);
    }
  }
  for (const hop of hops) {
    const throttling = hop.throttling;
    // The figures are in hops[].throttling; the warning stays the same across loads, so the
    // table can say it once.
    if (throttling && throttling.periods > 0 && throttling.throttledPeriods / throttling.periods >= THROTTLED_WARNING_SHARE) {
      warnings.push(`${hop.station} is throttled by its CPU limit (see hops[].throttling): requests it holds wait for the next 100 ms CFS period`);
    }
  }
  return warnings;
}
