/**
 * The validated, defaults-applied scenario: everything a run needs, as plain data that can be
 * sent to a worker thread. Only scenario/ builds these; the rest of the code trusts them.
 */

import type { MtlsMode, NodeEncryption, ProxyScope, TelemetryRequest, Topology } from "../mesh/index.js";
import type { LoadSpec, TimelineEvent } from "../workload/index.js";

export interface Pricing {
  vcpuHour: number;
  gbHour: number;
  currency: string;
  /** Per GB sent between nodes of one zone, between zones, between regions; absent: not priced. */
  sameZoneGb?: number;
  crossZoneGb?: number;
  crossRegionGb?: number;
}

export interface Scenario {
  name: string;
  description: string;
  /** The file as the user named it (or `built-in:<name>`). */
  file: string;
  /** SHA-256 of the scenario file's bytes. */
  sha256: string;
  topology: Topology;
  /** Traffic manifests imported into the scenario, with their SHA-256 (they change the model). */
  imports?: Array<{ file: string; sha256: string }>;
  /** What the import skipped or ignored: objects that are not traffic rules, fields without effect. */
  notices?: string[];
  load: LoadSpec;
  /** Events while the load runs, in time order (absent: none). */
  timeline?: TimelineEvent[];
  /** Prices per vCPU-hour and GB-hour, when the scenario gives them. */
  pricing: Pricing | undefined;
  /** Mesh choices written in the scenario; the command line overrides ids and mtls. */
  mesh: {
    ids: string[] | undefined;
    mtls: MtlsMode | undefined;
    /** Whether L7 features are in use (ambient waypoints, Cilium's node Envoy). */
    l7: boolean;
    /** Node-to-node encryption apart from mTLS (Cilium's WireGuard or IPsec). */
    encryption: NodeEncryption;
    /** Seconds into the measured time at which every workload certificate is replaced. */
    rotateCertificatesAtS?: number;
    /** Replicas of the mesh's ingress gateway (default 1). */
    gatewayReplicas: number;
    /** Replicas of each waypoint proxy (default 1). */
    waypointReplicas: number;
    /** `callees`: sidecars scoped to what their workload calls, where the mesh can scope them; `mesh`: each mesh's default. */
    proxyScope: ProxyScope;
    /** How the meshes join the clusters; only with `clusters`. */
    multiCluster?: MultiClusterSettings;
    /**
     * The telemetry the scenario asks for (`mesh.telemetry`), each field absent where the mesh's
     * default stands; undefined when the scenario does not set it (no telemetry report).
     */
    telemetry?: TelemetryRequest;
    /** Per mesh id, profile fields to replace. */
    overrides: Record<string, Record<string, unknown>>;
  };
}

/** `mesh.multiCluster`, resolved. */
export interface MultiClusterSettings {
  /** The mode asked of each mesh id; a mesh left out uses its profile's default. */
  modes: Record<string, string>;
  controlPlane: "multi-primary" | "primary-remote";
  /** Replicas of each cluster's multi-cluster gateway. */
  gatewayReplicas: number;
}
