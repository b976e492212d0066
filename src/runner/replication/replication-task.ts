/**
 * What a worker is asked to simulate and what it sends back: plain, structured-cloneable data
 * (piscina's contract), so the same pure function runs in-process in tests and in workers.
 */

import type { MeshOptions, MeshProfile, MtlsMode, StaticResources, TrafficCounts } from "../../mesh/index.js";
import type { Scenario } from "../../scenario/index.js";
import type { ConnectionWaits } from "../../workload/index.js";
import type { LatencyHistogramJson } from "../../stats/index.js";
import type { CallTotals } from "./call-recorder.js";
import type { RequestCounts } from "../results/index.js";
import type { TimelineTotals } from "./timeline-recorder.js";

/** One independent simulation run: a mesh, a load point and a replication index. */
export interface ReplicationTask {
  scenario: Scenario;
  meshId: string;
  /** The mesh's profile with the scenario's overrides applied. */
  profile: MeshProfile;
  mtls: MtlsMode;
  /** How this run uses its mesh (mTLS per service, gateway, L7 proxy, encryption), derived once at planning. */
  mesh: MeshOptions;
  /** Open loop: requests per second of this load point. */
  ratePerSec: number;
  durationS: number;
  warmupS: number;
  /** The scenario's load.stages shape the rate over time (ratePerSec is then their mean). */
  staged?: boolean;
  /** Results over time: each interval's length, s; absent, no timeline. */
  intervalS?: number;
  seed: number;
  /** Identifies the load point in the random streams (meshes share it: common random numbers). */
  loadPointKey: string;
  replication: number;
  /** Write the sampled requests' spans (`meshsim run --traces`); absent: no tracing at all. */
  traces?: TaskTraces;
}

/** Where and how a task writes its spans; nothing in it changes what the task simulates. */
export interface TaskTraces {
  /** The task's own file of OTLP JSON Lines (the run joins them in task order). */
  file: string;
  /** Share of the measured requests traced, 0 < ratio <= 1. */
  sampleRatio: number;
  /** The task's index in the whole plan: it places the task's requests on the trace time line. */
  taskIndex: number;
  /** meshsim's version, for the spans' resource (read once by the run, so a worker loads no package files). */
  toolVersion: string;
}

/** Per-station-group counters, summed over the group's stations. */
export interface HopTotals {
  station: string;
  visits: number;
  waitMs: number;
  serviceMs: number;
  /** Time jobs held a worker: the group's CPU, ms. */
  workerMs: number;
  busyWorkerMs: number;
  /** Sum over the group's stations of workers x window length (worker-ms of capacity). */
  capacityWorkerMs: number;
  /** CFS bandwidth control of the group's limited containers (nodes declared); absent otherwise. */
  throttling?: { periods: number; throttledPeriods: number; throttledMs: number };
}

/** One node's CPU in the window, by user, and what its pods request (nodes declared only). */
export interface NodeTotals {
  node: number;
  cores: number;
  /** CPU used in the window by the app, the mesh (idle load included), the kernel and the load generator, ms. */
  cpuMs: { app: number; mesh: number; kernel: number; loadGenerator: number };
  cpuRequested: number;
  cpuAllocatable: number;
  memoryMb: { used: number; requested: number; allocatable: number };
  pods: number;
}

/** A change of a service's replicas, as the autoscaler decided it. */
export interface ScalingEvent {
  /** When, ms into the measured time. */
  atMs: number;
  service: string;
  from: number;
  to: number;
  /** The pods' mean CPU utilisation the decision read, percent of requests. */
  utilizationPercent: number;
  /** Of `to`, the pods that found no room on a node and wait pending (absent when none). */
  pending?: number;
}

/** What one replication measured, inside its measurement window. */
export interface ReplicationResult {
  task: { meshId: string; loadPointKey: string; replication: number };
  requests: RequestCounts;
  latency: LatencyHistogramJson;
  byRequestType: Array<{ name: string; requests: RequestCounts; latency: LatencyHistogramJson }>;
  /** The calls each service served and each edge carried in the window; only for runs that report telemetry. */
  calls?: CallTotals;
  hops: HopTotals[];
  /** Connections opened (resumed among them), closed after idling, and mTLS handshakes made in the window. */
  connections: { opened: number; resumed: number; closedIdle: number; handshakes: number };
  /**
   * An open loop with fixed connections (load.connections): its connection count, the requests
   * granted one in the window, how many waited for one, and their total wait, ms.
   */
  clientConnections?: ConnectionWaits;
  /** What the traffic rules did in the window; absent when no rule or failure source was in play. */
  traffic?: TrafficCounts;
  /**
   * Per zone pair (from * zones + to) in the window: calls started and bytes sent between nodes; only
   * when the cluster has zones. `zones` names them in order.
   */
  zoneTraffic?: { zones: string[]; calls: number[]; bytes: number[] };
  /** Proxies and memory that follow from the deployment's shape. */
  staticResources: StaticResources;
  /** Each node's CPU by user (only when the scenario declares machines). */
  nodes?: NodeTotals[];
  /** Results over time, one entry per interval of the window (only when the task asks for them). */
  timeline?: TimelineTotals;
  /** The autoscalers' changes of replicas in the window (only when a service autoscales). */
  scaling?: ScalingEvent[];
  /** Per autoscaled service: most pods pending at once and pending pod-ms in the window (only when a service autoscales). */
  pending?: Array<{ service: string; peak: number; podMs: number }>;
  /** Length of the measurement window, ms. */
  windowMs: number;
  eventsProcessed: number;
  simulatedMs: number;
  peakInFlight: number;
}
