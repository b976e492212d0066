/**
 * The application as the simulator sees it: services placed on nodes and the call tree of
 * every request type. scenario/ produces these from a validated file; mesh/ compiles them.
 */

import type { ClusterShape, ContainerResources } from "../../cluster/index.js";
import type { DistributionSpec } from "../../random/index.js";
import type { ServiceFailures, TrafficRule } from "./traffic-rules.js";

export type ServiceKind = "http" | "grpc" | "db" | "cache" | "queue" | "worker";
export type Protocol = "http1" | "http2" | "grpc" | "tcp";

export interface Service {
  name: string;
  kind: ServiceKind;
  protocol: Protocol;
  replicas: number;
  /** Requests one replica serves at once. */
  concurrency: number;
  serviceTime: DistributionSpec;
  /** Thread-per-request: the worker stays busy while this service's own calls run. */
  holdWorker: boolean;
  meshed: boolean;
  /** Outside the cluster: never meshed, reached over the external round trip. */
  external: boolean;
  /** Whether the app keeps its outgoing connections open between calls (HTTP keep-alive, pools). */
  keepAlive: boolean;
  /**
   * How long the app, as a server, keeps an idle keep-alive connection open before closing it,
   * ms (Node.js `keepAliveTimeout`: 5 s; gunicorn `keepalive`: 2 to 5 s by version); absent: no limit.
   */
  keepAliveIdleMs?: number;
  /** The service's own mTLS mode, overriding the run's (where the mesh allows per-service modes). */
  mtls?: "off" | "permissive" | "strict";
  /** Node index of each replica, resolved by the loader (length = replicas). */
  placement: number[];
  /**
   * The nodes the scenario lists for this service (`services[].nodes`), when it lists them: with
   * machines declared, the scheduler keeps each replica on one of them (if it fits there).
   */
  nodes?: number[];
  /** Replicas in each zone, by zone index (cluster.zones), when the scenario fixes them. */
  zoneReplicas?: number[];
  /**
   * The Service's spec.trafficDistribution, PreferSameZone semantics (PreferClose is its older name):
   * a caller uses the endpoints in its own zone when there are any.
   */
  preferSameZone?: boolean;
  /**
   * The Service's `service.kubernetes.io/topology-mode: Auto` annotation: the EndpointSlice controller
   * gives each endpoint a zone hint when its safeguards allow (src/mesh/compile/locality-tables.ts).
   */
  topologyAuto?: boolean;
  /**
   * The Service's `service.cilium.io/affinity` annotation (ClusterMesh global services): which clusters'
   * endpoints a caller tries first, for meshes whose profile reads it (multiCluster.serviceAffinity);
   * absent, the mesh's multi-cluster mode decides. docs.cilium.io/en/stable/network/clustermesh/affinity/
   */
  clusterAffinity?: ClusterAffinity;
  /** Pod labels (app, version), as imported DestinationRule subsets select them. */
  labels?: Record<string, string>;
  /** Error rate, slow replicas and outages, when the scenario injects them. */
  failures?: ServiceFailures;
  /**
   * The share of serviceTime that burns CPU, 0..1 (default 1); the rest is waiting (disk, sleeps, a
   * lock) that holds the worker but no core.
   */
  cpuShare: number;
  /** The container's requests and limits (vCPU, MB), when the scenario sets them: placement and throttling. */
  resources?: ContainerResources;
  /** A HorizontalPodAutoscaler on the service's CPU: `replicas` is then maxReplicas, the pods compiled up front. */
  autoscaling?: ServiceAutoscaling;
}

/** local: the caller's own cluster's endpoints while any is healthy, then the others'; remote: the reverse; none: every cluster's. */
export type ClusterAffinity = "local" | "remote" | "none";

/** The HorizontalPodAutoscaler of a service (autoscaling/v2, one CPU Utilization metric). */
export interface ServiceAutoscaling {
  minReplicas: number;
  maxReplicas: number;
  /** The target: the pods' mean CPU used over their CPU requests (app and sidecar), percent, as `averageUtilization`. */
  targetCpuUtilization: number;
  /** Ready pods when the run starts (the scenario's `replicas`, else minReplicas). */
  initialReplicas: number;
  /** From a pod's creation to its readiness, s. */
  podStartupS: number;
}

interface CallNodeOptions {
  /** Chance that the node runs at all, 0..1. */
  probability: number;
  /** Sequential repetitions; the fractional part is the chance of one more. */
  repeat: number;
}

export interface ServiceCall extends CallNodeOptions {
  kind: "call";
  service: string;
  /** The caller does not wait for it (hand-off to a queue consumer). */
  async: boolean;
  requestBytes: number;
  responseBytes: number;
  /** Calls the callee makes, in sequence, after its own work. */
  calls: CallNode[];
}

export interface CallGroup extends CallNodeOptions {
  kind: "sequence" | "parallel";
  nodes: CallNode[];
}

export type CallNode = ServiceCall | CallGroup;

export interface RequestType {
  name: string;
  weight: number;
  /** Headers the request carries; apps propagate them to their own calls (header routes match them). */
  headers: Record<string, string>;
  /** The request as the load generator sends it to the entry service. */
  root: ServiceCall;
}

/** The name a policy uses for the load generator. */
export const LOAD_GENERATOR = "load-generator";

export interface Topology {
  services: Service[];
  requestTypes: RequestType[];
  cluster: ClusterShape;
  /** Authorization: for each protected service, the callers allowed (services or LOAD_GENERATOR). */
  allowFrom?: Record<string, string[]>;
  /** Protected services whose policy has HTTP-aware (L7) rules, evaluated by an L7 proxy. */
  l7Policies?: string[];
  /** Traffic rules by host; a call may name a rule's host instead of a service. */
  traffic?: TrafficRule[];
}
