/**
 * The results document (results.json), every field in this one file (README: "The results document").
 * Everything but `meta` depends only on the inputs and the seed, so two runs can be compared
 * byte for byte. Field names are an interface users and CI scripts depend on: add, never rename.
 */

import { arch, cpus, platform } from "node:os";
import type { CompactHistogramJson, LatencyHistogramJson } from "../../stats/index.js";
import type { ProfileCalibration } from "./profile-calibration.js";

export const RESULTS_SCHEMA_VERSION = 1;

export interface ResultsDocument {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  meta: ResultsMeta;
  scenario: {
    name: string;
    sha256: string;
    /** Files the scenario imported (traffic manifests), with their SHA-256 (they change the model). */
    imports?: Array<{ file: string; sha256: string }>;
    /** What the import skipped or approximated. */
    notices?: string[];
  };
  seed: number;
  runs: RunSummary[];
  /**
   * Per mesh that ran, whether its profile's headline numbers (latency, CPU, memory) are
   * calibrated against a measurement or estimates, from the profile's sources.
   */
  calibration?: Record<string, ProfileCalibration>;
  /** Meshes of `--mesh all` that did not run because they cannot express the settings, with why. */
  skippedMeshes?: Array<{ mesh: string; reason: string; parameters?: Record<string, string | number | boolean> }>;
}

/** How the document was made; the only part that may differ between identical runs. */
export interface ResultsMeta {
  tool: "meshsim";
  version: string;
  wallSeconds: number;
  workers: number;
  host: { platform: string; arch: string; cpus: number; node: string };
}

/** One mesh at one load point, its replications merged. */
export interface RunSummary {
  mesh: string;
  mtls: string;
  /** The offered load, requests/s (open loop); 0 for a closed loop, whose load is `users`. */
  rps: number;
  /** Closed loop: the concurrent users (connections); its rate is `throughputPerSec`. */
  users?: number;
  durationS: number;
  replications: number;
  throughputPerSec: number;
  requests: RequestCounts;
  /** Connections the calls opened in the window, and mTLS handshakes among them. */
  connections: { opened: number; resumed: number; closedIdle: number; handshakes: number; handshakesPerRequest: number };
  latencyMs: LatencySummary;
  /**
   * The run's whole latency distribution (completed requests, ms), its replications merged
   * exactly: the sparse log-linear histogram of stats/ (1024 sub-buckets per power of two of
   * nanoseconds; `counts` are [bucket, count] pairs). Absent in documents written before.
   */
  latencyHistogram?: LatencyHistogramJson;
  /** What the traffic rules did (routes, bypasses, retries, timeouts, ejections); only when some are in play. */
  traffic?: TrafficSummary;
  /** Traffic between availability zones and its money; only when the cluster has zones (cluster.zones). */
  zoneTraffic?: ZoneTrafficSummary;
  /** Traffic between clusters and its money; only with several clusters (clusters: [...]). */
  clusterTraffic?: ClusterTrafficSummary;
  byRequestType: Record<string, { latencyMs: LatencySummary; requests: RequestCounts }>;
  hops: HopSummary[];
  resources: {
    dataPlane: {
      vcpu: number;
      memoryMb: number;
      proxies: number;
      /** What the proxies' requests take from the nodes' allocatable capacity (only with nodes declared). With an autoscaler, `vcpu`, `memoryMb` and `requested` follow the pods that ran (averaged over the window) and `proxies` is the most at once. */
      requested?: { vcpu: number; memoryMb: number };
    };
    /**
     * With several clusters under multi-primary: each cluster's control plane (the proxies it configures,
     * the endpoints it learns from the other clusters, its memory); the totals are their sums.
     */
    controlPlane: { vcpu: number; memoryMb: number; clusters?: Array<{ cluster: string; memoryMb: number; proxies: number; remoteEndpoints: number }> };
    /** CPU the application itself used, for scale next to the mesh's cost. */
    app: { vcpu: number };
    /** The mesh's data plane and control plane at the scenario's prices, per month of 730 hours. */
    monthlyCost?: { dataPlane: number; controlPlane: number; total: number; currency: string };
  };
  /** Each node's cores and who used them; only when the scenario declares the nodes' machines. */
  nodes?: NodeSummary[];
  /**
   * Per autoscaled service whose autoscaler asked for a pod no node had room for: the most pods
   * pending at once (over the replications) and pod-seconds pending in the window (their mean).
   * Only when some pod was pending (machines declared: cluster.vcpuPerNode or machineType).
   */
  pendingPods?: Record<string, { peak: number; podSeconds: number }>;
  /** The telemetry's cost in the proxies and the monitoring stack behind them; only when the scenario sets mesh.telemetry, for meshes that model it. */
  telemetry?: TelemetrySummary;
  warnings: string[];
  /**
   * Results over time, one entry per interval of the measured time (with load.stages, a
   * timeline of events or --interval); absent otherwise.
   */
  timeline?: TimelineEntry[];
  /** What happened when, s into the measured time: stage changes and the scenario's timeline of events (with a timeline only). */
  events?: TimelineEvent[];
}

/** One event of a run: when (s into the measured time) and what, in words (`stage 2: ramp to 700/s`). */
export interface TimelineEvent {
  atS: number;
  event: string;
}

/**
 * One interval of a run, as a dashboard scraping each interval sees it: requests sent in it
 * (offered), completed in it and their latency, failed in it; replications merged.
 */
export interface TimelineEntry {
  /** Start of the interval, s into the measured time. */
  atS: number;
  /** Length of the interval, s (the last may be shorter). */
  durationS: number;
  offeredPerSec: number;
  completedPerSec: number;
  failedPerSec: number;
  /** Latency of the requests completed in the interval, ms; null when none completed. */
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  failedByReason: Record<string, number>;
  /** Share of each node's cores busy in the interval (only when the scenario declares machines). */
  nodeCpuUtilization?: number[];
  /** vCPU each service's pods used in the interval: the app and its sidecars (what the HorizontalPodAutoscaler reads). */
  serviceVcpu?: Record<string, number>;
  /** Each service's pods ready (in its callers' balancing) at the interval's end, the replications' mean (only when a service autoscales). */
  replicas?: Record<string, number>;
  /**
   * Each service's pods pending at the interval's end (the autoscaler asked for them but no node had
   * room for their requests), the replications' mean; only in runs where some pod was pending.
   */
  pendingReplicas?: Record<string, number>;
  /** The interval's latencies as a compact histogram (32 sub-buckets per power of two of ns), for windows of intervals. */
  latencyHistogram: CompactHistogramJson;
}

/**
 * What a run's telemetry costs: its settings, its share of the proxies' work (already inside
 * `resources.dataPlane`), and the monitoring stack it feeds, which is apart from the mesh's resources.
 */
export interface TelemetrySummary {
  settings: { metrics: boolean; accessLogs: boolean; tracing: { sampling: number } };
  proxies: {
    /** CPU per HTTP/gRPC request added to each L7 proxy instance over the mesh's default telemetry (negative: taken away), ms. */
    cpuMsPerRequestDelta: number;
    /** CPU the proxies spend on metrics, access logs and spans, vCPU (part of resources.dataPlane.vcpu). */
    vcpu: number;
    /** Memory the proxies hold their metric series in, MB. */
    statsMemoryMb: number;
    /** Bytes per second sent to the collectors: scrapes, spans, log lines. */
    collectorBytesPerSec: number;
  };
  prometheus: { series: number; samplesPerSec: number; memoryMb: number; vcpu: number; diskGbPerDay: number };
  tracing: { spansPerSec: number; collectorVcpu: number; storageGbPerDay: number };
  accessLogs: { linesPerSec: number; gbPerDay: number };
  /** Prometheus and the trace collector together; with pricing, their money per month of 730 hours. */
  monitoring: { vcpu: number; memoryMb: number; monthlyCost?: { total: number; currency: string } };
  /** The service graph the mesh's dashboards draw (Kiali): who calls whom, how often, encrypted or not, failing or not. */
  graph: ServiceGraph;
  /** Golden signals of every service that served calls in the window, as `linkerd viz stat` prints them, in topology order. */
  services: ServiceSignals[];
}

/**
 * One service's golden signals over the calls it served (every attempt, retries included, seen
 * from its callers: from the request leaving the caller to the response's return).
 */
export interface ServiceSignals {
  service: string;
  /** Call attempts per second the service served in the window. */
  requestsPerSec: number;
  /** Share of those attempts that succeeded, 0..1. */
  successRate: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

export interface ServiceGraph {
  /** Services without the mesh's proxy (and the load generator when it has none): drawn apart. */
  unmeshed: string[];
  edges: Array<{
    /** The caller (`load-generator` for the requests themselves) and the callee. */
    from: string;
    to: string;
    /** Expected calls per second along the edge at the run's rate. */
    requestsPerSec: number;
    /** Both ends meshed and the callee's mTLS mode not off: the mesh encrypts the call. */
    encrypted: boolean;
    /** The callee answers some calls with an error (its failures: error rate or outages). */
    failing: boolean;
    /** p99 of the edge's calls in the window, ms; absent when the run made none along it. */
    p99Ms?: number;
  }>;
}

/** One node: its cores, how busy they were and with whose work, and what its pods requested. */
export interface NodeSummary {
  node: number;
  /** Cores of the node. */
  vcpu: number;
  /** Fraction of the cores busy over the window (all users, idle proxies' background included). */
  cpuUtilization: number;
  /** vCPU used, by who used it: the application, the mesh (proxies, agents, gateways, idle), the kernel (eBPF, WireGuard/IPsec), the load generator. */
  cpuByUser: { app: number; mesh: number; kernel: number; loadGenerator: number };
  /** CPU the node's pods request, and what the node offers them (allocatable), vCPU. With an autoscaler, requests are averaged over the window (pods count while bound to the node). */
  cpuRequested: number;
  cpuAllocatable: number;
  /** Memory: the mesh's modelled use plus the apps' requests, what is requested, and what is allocatable, MB (with an autoscaler, used and requested averaged over the window). */
  memoryMb: { used: number; requested: number; allocatable: number };
  /** Pods on the node (application, load generator, mesh DaemonSets and deployments); with an autoscaler, those that ran on it at some time in the window. */
  pods: number;
}

export interface RequestCounts {
  completed: number;
  failed: number;
  /** Failed requests by reason (FAILURE_REASONS: mtls-plaintext-refused, timeout, ...). */
  failedByReason: Record<string, number>;
}

/** Latency percentiles from the merged histogram, ms, with 95% intervals across replications. */
export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  /** The fastest request; absent in documents written before meshsim kept it. */
  min?: number;
  /** Standard deviation (population), from the histogram; absent in older documents. */
  stdDev?: number;
  ci95?: { p50: [number, number] | null; p99: [number, number] | null };
  /**
   * Each replication's own p50 and p99 (from its own histogram), ms, in replication order:
   * replication i of every mesh at one load draws the same arrivals and service times, so two
   * runs' differences pair up replication by replication (the decision summary's intervals).
   * Only in `runs[].latencyMs`, with 2 or more replications that each completed a request;
   * absent in documents written before.
   */
  replications?: { p50: number[]; p99: number[] };
}

/** One station group (e.g. "sidecar/web", "app/db"), summed over its stations. */
export interface HopSummary {
  station: string;
  /** Mean time per visit (queueing + service), ms. */
  meanMs: number;
  /** Fraction of the station's workers busy (or held) during the measurement window. */
  utilization: number;
  waitMs: number;
  serviceMs: number;
  visitsPerRequest: number;
  /** CPU the station group used (service plus work after forwarding), in vCPU. */
  vcpu: number;
  /**
   * CFS bandwidth control of the group's containers with a CPU limit (nodes declared): periods
   * with work, periods in which they were throttled, and the time they spent throttled, summed
   * over the group's containers (cAdvisor's nr_periods, nr_throttled, throttled_time).
   */
  throttling?: { periods: number; throttledPeriods: number; throttledMs: number };
}

/** Traffic per zone pair, its replications summed (src/runner/summarize-zone-traffic.ts). */
export interface ZoneTrafficSummary {
  /** The cluster's zones, in declaration order. */
  zones: string[];
  /** Share of calls (tries included) whose caller and callee run in different zones, 0..1. */
  crossZoneShare: number;
  /** Bytes sent from one zone to another (requests and responses), GB (2^30 bytes) per month of 730 hours. */
  crossZoneGbPerMonth: number;
  /**
   * Per (from, to) zone pair with any traffic: calls per second from callers in `from` to callees in `to`,
   * and GB per month sent between nodes from `from` to `to` (a response travels from the callee's zone;
   * a call through a gateway or waypoint crosses where those run). from = to: between nodes of one zone.
   */
  pairs: Array<{ from: string; to: string; callsPerSec: number; gbPerMonth: number; monthlyCost?: number }>;
  /** At the scenario's per-GB prices (pricing.sameZoneGb, crossZoneGb), per month. */
  monthlyCost?: { sameZone: number; crossZone: number; total: number; currency: string };
}

/** Traffic per cluster pair: the zone pairs summed by their clusters (src/runner/summarize-cluster-traffic.ts). */
export interface ClusterTrafficSummary {
  /** The clusters, in declaration order, with their regions. */
  clusters: Array<{ name: string; region: string }>;
  /** Share of calls (tries included) whose caller and callee run in different clusters, 0..1. */
  crossClusterShare: number;
  /** Bytes sent from one cluster to another, GB per month; and of those, between regions. */
  crossClusterGbPerMonth: number;
  crossRegionGbPerMonth: number;
  /** Per (from, to) cluster pair with any traffic, as zoneTraffic's pairs; from = to: within one cluster. */
  pairs: Array<{ from: string; to: string; callsPerSec: number; gbPerMonth: number; monthlyCost?: number }>;
  /** At the scenario's per-GB prices (a pair of regions at crossRegionGb), per month. */
  monthlyCost?: { withinClusters: number; betweenClusters: number; total: number; currency: string };
}

/** What the traffic rules did, summed over replications. */
export interface TrafficSummary {
  /** Per host with a rule: calls its proxies routed, calls that bypassed it, calls with no route. */
  hosts: Array<{
    host: string;
    applied: number;
    bypassed: number;
    noRoute: number;
    /** Calls each backend received and their share of the host's calls. */
    byBackend: Record<string, { calls: number; share: number }>;
  }>;
  /** Tries made again after a failure or a per-try timeout. */
  retries: number;
  /** Retries not made because the retry budget (Linkerd) or maxRetries (Envoy) was spent. */
  retriesDenied: number;
  /** Tries abandoned at a timeout (the server may still be working on them). */
  timeouts: number;
  /** Calls that waited for the client proxy's connection limit (circuit breaker). */
  queuedByLimit: number;
  /** Replica ejections by outlier detection. */
  ejections: number;
  faultsInjected: { delay: number; abort: number };
}

/** Host facts for `meta` (never used by the model). */
export function describeHost(): ResultsMeta["host"] {
  return { platform: platform(), arch: arch(), cpus: cpus().length, node: process.version };
}
