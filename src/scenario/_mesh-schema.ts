/**
 * `mesh` in the scenario schema: which meshes a run compares and what it asks of them (mTLS,
 * L7, gateways and waypoints, multi-cluster modes, node encryption, telemetry, what sidecars are
 * configured for, profile overrides).
 */

import { nonNegativeNumber, positiveInteger } from "./_schema-atoms.js";
import { MAX_PODS } from "./value-limits.js";

/** The mesh choices of a scenario; `--mesh` and `--mtls` override ids and mtls. */
export const mesh = {
  type: "object",
  properties: {
    ids: {
      type: "array",
      items: { type: "string" },
      minItems: 1,
      description: "mesh profiles to compare, or [all]; --mesh overrides",
    },
    mtls: { enum: ["off", "permissive", "strict"] },
    rotateCertificatesAtS: {
      ...nonNegativeNumber,
      description: "replace every workload certificate this many seconds into the measured time: pooled connections reconnect in a burst of full handshakes (the same as a timeline event { atS, rotateCertificates: true })",
    },
    l7: {
      type: "boolean",
      default: false,
      description: "L7 features in use: ambient routes through a waypoint, Cilium through the node's Envoy",
    },
    gatewayReplicas: {
      ...positiveInteger,
      maximum: MAX_PODS,
      default: 1,
      description: "replicas of the mesh's ingress gateway (load.ingress: gateway)",
    },
    proxyScope: {
      enum: ["mesh", "callees"],
      description:
        "what each sidecar is configured for: callees scopes it to the services its workload calls (Istio's Sidecar egress hosts, Kuma's reachable services, Consul's upstreams), cutting its memory per service and endpoint and its control plane's; mesh (or absent) keeps each mesh's default (models/<id>.yaml dataPlane.proxyScope: linkerd2-proxy is always scoped)",
    },
    waypointReplicas: {
      ...positiveInteger,
      maximum: MAX_PODS,
      default: 1,
      description: "replicas of each waypoint proxy (ambient with l7: true)",
    },
    multiCluster: {
      type: "object",
      description: "how the mesh joins the clusters (clusters: [...]); each mesh's modes are in its profile (models/<id>.yaml multiCluster, meshsim meshes)",
      properties: {
        modes: {
          type: "object",
          additionalProperties: { type: "string" },
          description: "the multi-cluster mode per mesh id, e.g. { istio: flat, linkerd2: gateway }; a mesh left out uses its profile's default mode",
        },
        controlPlane: {
          enum: ["multi-primary", "primary-remote"],
          description: "a control plane in every cluster (multi-primary, the default) or one in the first cluster serving every cluster's proxies (primary-remote: Istio only)",
        },
        gatewayReplicas: { ...positiveInteger, maximum: MAX_PODS, default: 1, description: "replicas of each cluster's multi-cluster gateway (east-west gateway, Linkerd gateway, mesh gateway, zone ingress)" },
      },
      additionalProperties: false,
    },
    encryption: {
      enum: ["none", "wireguard", "ipsec"],
      default: "none",
      description: "Cilium's node-to-node encryption (apart from mutual authentication, which --mtls strict turns on): traffic between nodes is encrypted in the kernel",
    },
    telemetry: {
      type: "object",
      description: "the proxies' telemetry; each field left out keeps the mesh's default (models/<id>.yaml telemetry.defaults). Setting it adds runs[].telemetry: the telemetry's cost in the proxies and the monitoring stack behind them",
      properties: {
        metrics: { type: "boolean", description: "the mesh's standard request metrics, scraped by Prometheus" },
        accessLogs: { type: "boolean", description: "one access-log line per request at every proxy it passes" },
        tracing: {
          type: "object",
          properties: { sampling: { type: "number", minimum: 0, maximum: 1, description: "share of requests traced, 0..1 (0.01 = 1 %)" } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    overrides: {
      type: "object",
      description: "per mesh id, fields of its profile (models/<id>.yaml) to replace, e.g. { istio: { dataPlane: { proxy: { workers: 4 } } } }",
      additionalProperties: { type: "object" },
    },
  },
  additionalProperties: false,
} as const;
