/**
 * The shape of a scenario document once it has passed the JSON Schema, before defaults are
 * applied: optional fields are still optional here.
 */

import type { DistributionSpec } from "../random/index.js";
import type { LoadGeneratorTool } from "../workload/index.js";
import type { RawTrafficRule } from "./raw-traffic-rule.js";

export interface RawCallNodeOptions {
  probability?: number;
  repeat?: number;
  note?: string;
}

export type RawCallNode =
  | ({
      call: string;
      async?: boolean;
      requestBytes?: number;
      responseBytes?: number;
      calls?: RawCallNode[];
    } & RawCallNodeOptions)
  | ({ sequence: RawCallNode[] } & RawCallNodeOptions)
  | ({ parallel: RawCallNode[] } & RawCallNodeOptions);

export interface RawService {
  name: string;
  kind?: string;
  protocol?: string;
  replicas?: number;
  concurrency?: number;
  serviceTime: DistributionSpec;
  holdWorker?: boolean;
  meshed?: boolean;
  external?: boolean;
  keepAlive?: boolean;
  keepAliveIdleS?: number;
  mtls?: "off" | "permissive" | "strict";
  zones?: Record<string, number>;
  clusters?: Record<string, number | Record<string, number>>;
  trafficDistribution?: "PreferClose" | "PreferSameZone";
  topologyMode?: "Auto";
  clusterAffinity?: "local" | "remote" | "none";
  nodes?: number[];
  labels?: Record<string, string>;
  cpuShare?: number;
  /** vCPU / MB as numbers, or Kubernetes quantity strings ("500m", "128Mi"); the schema checks neither. */
  resources?: { cpuRequest?: unknown; cpuLimit?: unknown; memoryRequestMb?: unknown; memoryLimitMb?: unknown };
  autoscaling?: { minReplicas?: number; maxReplicas: number; targetCpuUtilization: number; podStartupS?: number };
  failures?: {
    errorRate?: number;
    slowReplicas?: Array<{ replica: number; factor: number }>;
    outages?: Array<{ replica: number; startS: number; endS: number }>;
  };
}

export interface RawScenario {
  name: string;
  description?: string;
  cluster?: {
    nodes?: number;
    machineType?: string;
    vcpuPerNode?: number;
    memoryGbPerNode?: number;
    network?: {
      sameNodeRttMs?: number;
      crossNodeRttMs?: number;
      externalRttMs?: number;
      bandwidthGbps?: number;
      crossZoneRttMs?: number;
      crossZoneBandwidthGbps?: number;
      crossRegionRttMs?: number;
    };
    zones?: number | string[] | Array<{ name: string; nodes: number }>;
  };
  clusters?: RawCluster[];
  services: RawService[];
  requestTypes: Array<{
    name: string;
    weight?: number;
    entry: string;
    requestBytes?: number;
    responseBytes?: number;
    calls?: RawCallNode[];
    headers?: Record<string, string>;
  }>;
  load: {
    type: "open" | "closed";
    arrival?: "poisson" | "uniform";
    ratePerSec?: number;
    stages?: Array<{ durationS: number; ratePerSec?: number; users?: number }>;
    connections?: number;
    thinkTime?: DistributionSpec;
    durationS?: number;
    warmupS?: number;
    requestBytes?: number;
    responseBytes?: number;
    keepAlive?: boolean;
    ingress?: "direct" | "gateway";
    client?: { node?: number; meshed?: boolean; tool?: LoadGeneratorTool; cpuMsPerRequest?: number };
  };
  policies?: Array<{ to: string; allowFrom: string[]; l7?: boolean; note?: string }>;
  traffic?: RawTrafficRule[];
  trafficConfig?: string[];
  timeline?: RawTimelineEvent[];
  pricing?: { vcpuHour: number; gbHour: number; currency?: string; sameZoneGb?: number; crossZoneGb?: number; crossRegionGb?: number };
  mesh?: {
    ids?: string[];
    mtls?: string;
    l7?: boolean;
    encryption?: string;
    rotateCertificatesAtS?: number;
    gatewayReplicas?: number;
    waypointReplicas?: number;
    proxyScope?: "mesh" | "callees";
    multiCluster?: { modes?: Record<string, string>; controlPlane?: "multi-primary" | "primary-remote"; gatewayReplicas?: number };
    telemetry?: { metrics?: boolean; accessLogs?: boolean; tracing?: { sampling?: number } };
    overrides?: Record<string, Record<string, unknown>>;
  };
}

/** One of `clusters`, as the schema lets it through. */
export interface RawCluster {
  name: string;
  region: string;
  nodes?: number;
  zones?: number | string[] | Array<{ name: string; nodes: number }>;
  rttMs?: Record<string, number>;
  failAtS?: number;
}

/** One event of `timeline`, as the schema lets it through (one of the keys besides atS). */
export interface RawTimelineEvent {
  atS: number;
  weights?: { host: string; backends: Record<string, number> };
  outage?: { service: string; durationS: number; replicas?: number };
  restart?: { service: string; replicas?: number; downS?: number };
  rollout?: { service: string; maxSurge?: unknown; maxUnavailable?: unknown; podStartupS?: number };
  nodeDown?: { node: number; tolerationSeconds?: number };
  zoneDown?: { zone: string; tolerationSeconds?: number };
  clusterDown?: { cluster: string; tolerationSeconds?: number };
  rotateCertificates?: true;
  note?: string;
}
