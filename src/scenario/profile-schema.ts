/**
 * The JSON Schema of mesh profiles (models/<id>.yaml). A profile is data: architecture, proxy
 * costs, control plane, defaults, traffic features and defaults, features, and a `sources`
 * entry for every number.
 */

import { MAX_CV, MAX_PROXY_WORKERS, MAX_TIME_MS, withTimeLimits } from "./value-limits.js";

const protocolTable = {
  type: "object",
  required: ["http1", "http2", "grpc", "tcp"],
  properties: {
    http1: { type: "number", minimum: 0, maximum: MAX_TIME_MS },
    http2: { type: "number", minimum: 0, maximum: MAX_TIME_MS },
    grpc: { type: "number", minimum: 0, maximum: MAX_TIME_MS },
    tcp: { type: "number", minimum: 0, maximum: MAX_TIME_MS },
  },
  additionalProperties: false,
} as const;

/**
 * A CPU or memory amount as charts write it: a number (vCPU, or MB) or a Kubernetes quantity
 * string ("500m", "128Mi"), parsed by cluster/'s parseCpuQuantity and parseMemoryQuantityMb.
 */
function quantity(description: string, positive = false) {
  return { type: ["number", "string"], ...(positive ? { exclusiveMinimum: 0 } : { minimum: 0 }), description } as const;
}

/** Requests and limits of a mesh container, as its injector or chart sets them; `{}` or absent: none. */
const containerResources = {
  type: "object",
  properties: {
    cpuRequest: quantity("CPU request: vCPU, or a Kubernetes quantity such as \"100m\""),
    cpuLimit: quantity("CPU limit (CFS quota): vCPU, or a Kubernetes quantity such as \"2000m\"", true),
    memoryRequestMb: quantity("memory request: MB (MiB), or a Kubernetes quantity such as \"128Mi\""),
    memoryLimitMb: quantity("memory limit: MB (MiB), or a Kubernetes quantity such as \"1Gi\"", true),
  },
  additionalProperties: false,
} as const;

/** A proxy (sidecar, node agent, ztunnel, waypoint, the node's Envoy): one station per instance. */
const proxyCost = {
  type: "object",
  required: ["implementation", "workers", "pathMsPerPass", "pathCv", "cpuMsPerRequest", "cpuMsPerKiB", "memory"],
  properties: {
    implementation: { type: "string" },
    workers: { type: "integer", minimum: 1, maximum: MAX_PROXY_WORKERS, description: "threads (or cores) serving requests in one instance" },
    pathMsPerPass: {
      ...protocolTable,
      description: "mean time one pass (the request, or the response) spends being processed, on the critical path, ms",
    },
    pathCv: { type: "number", minimum: 0, maximum: MAX_CV, description: "coefficient of variation of the per-pass time (lognormal)" },
    cpuMsPerRequest: {
      ...protocolTable,
      description: "CPU per request through one instance, both passes; what exceeds 2 x pathMsPerPass is done after forwarding",
    },
    cpuMsPerKiB: { type: "number", minimum: 0, maximum: MAX_TIME_MS, description: "extra CPU per KiB of payload (both directions), ms" },
    memory: {
      type: "object",
      required: ["baseMb", "perConnectionKb", "perEndpointKb"],
      properties: {
        baseMb: { type: "number", minimum: 0 },
        perConnectionKb: { type: "number", minimum: 0 },
        perEndpointKb: { type: "number", minimum: 0, description: "per endpoint of the mesh's service registry the instance holds" },
        perServiceKb: { type: "number", minimum: 0, description: "per service the instance is configured for (clusters, routes, their stats)" },
      },
      additionalProperties: false,
    },
    resources: { ...containerResources, description: "the injector's or chart's requests and limits for this proxy's container; {}: none" },
    connectionCpuMs: {
      type: "number",
      minimum: 0,
      description: "CPU one instance spends per new connection it accepts or opens, TLS handshake apart, ms",
    },
    idleVcpu: { type: "number", minimum: 0, description: "CPU of an idle instance (stats flush, xDS keep-alives, probes), vCPU" },
  },
  additionalProperties: false,
} as const;

/** What WireGuard or IPsec costs at each end of a pass between two nodes. */
const nodeEncryptionCost = {
  type: "object",
  required: ["cpuMsPerKiB", "latencyMsPerPass"],
  properties: {
    cpuMsPerKiB: { type: "number", minimum: 0, maximum: MAX_TIME_MS, description: "kernel CPU to encrypt (sender) or decrypt (receiver) one KiB of payload, ms" },
    latencyMsPerPass: { type: "number", minimum: 0, description: "delay one end adds to a pass besides that CPU, ms" },
  },
  additionalProperties: false,
} as const;

/** Load balancers and retry conditions, as LOAD_BALANCERS and RETRY_ON in mesh/model/traffic-rules.ts. */
const loadBalancer = { enum: ["round-robin", "random", "least-request", "ewma"] } as const;
const retryOn = { enum: ["5xx", "gateway-error", "connect-failure", "reset"] } as const;
const supportFlag = { type: "boolean" } as const;
const TRAFFIC_FEATURES = [
  "split",
  "headerRouting",
  "retries",
  "retryBudget",
  "timeouts",
  "circuitBreaking",
  "outlierDetection",
  "rateLimit",
  "faultAbort",
  "faultDelay",
] as const;

/** `telemetry`: the mesh's default telemetry and what each part costs in one proxy. */
const peerSeries = {
  type: "object",
  required: ["perPeer", "perPeerAndCode"],
  properties: {
    perPeer: { type: "integer", minimum: 0, description: "series per peer whatever the response code" },
    perPeerAndCode: { type: "integer", minimum: 0, description: "series per peer and response code" },
  },
  additionalProperties: false,
} as const;

const telemetry = {
  type: "object",
  required: [
    "defaults",
    "metricsCpuMsPerRequest",
    "accessLogCpuMsPerRequest",
    "accessLogBytesPerRequest",
    "spanCpuMs",
    "spanBytes",
    "reporters",
    "series",
    "statsMemoryKbPerSeries",
    "scrapeBytesPerSeries",
    "scrapeIntervalS",
  ],
  properties: {
    defaults: {
      type: "object",
      required: ["metrics", "accessLogs", "tracing"],
      properties: {
        metrics: { type: "boolean" },
        accessLogs: { type: "boolean" },
        tracing: {
          type: "object",
          required: ["sampling"],
          properties: { sampling: { type: "number", minimum: 0, maximum: 1 } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    unsupported: {
      type: "object",
      properties: {
        metrics: { type: "string", minLength: 1 },
        accessLogs: { type: "string", minLength: 1 },
        tracing: { type: "string", minLength: 1 },
      },
      additionalProperties: false,
      description: "parts of the telemetry the mesh cannot produce, each with the reason",
    },
    metricsCpuMsPerRequest: { type: "number", minimum: 0, description: "request metrics, per HTTP/gRPC request per instance, ms" },
    accessLogCpuMsPerRequest: { type: "number", minimum: 0, description: "one access-log line, per instance, ms" },
    accessLogBytesPerRequest: { type: "number", minimum: 0, description: "bytes of one access-log line" },
    spanCpuMs: { type: "number", minimum: 0, description: "one span (creation and export), per instance, ms" },
    spanBytes: { type: "number", minimum: 0, description: "bytes of one exported span" },
    reporters: { enum: ["both", "server"], description: "which side's proxies report a call's metrics" },
    series: {
      type: "object",
      required: ["http", "tcp"],
      properties: { http: peerSeries, tcp: peerSeries },
      additionalProperties: false,
    },
    statsMemoryKbPerSeries: { type: "number", minimum: 0, description: "proxy memory per series it holds, KB" },
    scrapeBytesPerSeries: { type: "number", minimum: 0, description: "bytes of one series in a scrape" },
    scrapeIntervalS: { type: "number", exclusiveMinimum: 0, description: "scrape interval of the mesh's Prometheus set-up, s" },
  },
  additionalProperties: false,
} as const;

/** What the mesh can do with traffic rules and what it does with none (TrafficProfile). */
const traffic = {
  type: "object",
  required: ["needsL7", "supports", "loadBalancers", "faultInjectionAt", "defaults"],
  properties: {
    needsL7: {
      type: "boolean",
      description: "rules apply only with mesh.l7 (ambient's waypoint, Cilium's node Envoy); without it every rule is bypassed",
    },
    supports: {
      type: "object",
      required: [...TRAFFIC_FEATURES],
      properties: Object.fromEntries(TRAFFIC_FEATURES.map((feature) => [feature, supportFlag])),
      additionalProperties: false,
      description: "the traffic features the mesh can express; a rule using another is an error",
    },
    loadBalancers: { type: "array", items: loadBalancer, minItems: 1, uniqueItems: true, description: "the load balancers the mesh offers" },
    faultInjectionAt: { enum: ["client", "server"], description: "the proxy that injects faults: the caller's or the callee's" },
    locality: {
      type: "object",
      required: ["loadBalancing", "honors"],
      description: "zone-aware balancing: the mesh's own, and the Kubernetes Service settings its proxies follow",
      properties: {
        loadBalancing: {
          enum: ["none", "on-request", "with-outlier-detection"],
          description: "none; on-request: a rule's localityLoadBalancing turns it on; with-outlier-detection: on, but in effect only where a rule sets outlierDetection",
        },
        honors: {
          type: "array",
          items: { enum: ["trafficDistribution", "topologyHints"] },
          uniqueItems: true,
          description: "Service settings the proxies follow: spec.trafficDistribution PreferSameZone, topology-mode Auto's EndpointSlice hints",
        },
      },
      additionalProperties: false,
    },
    defaults: {
      type: "object",
      required: ["loadBalancer"],
      description: "what the mesh does with no rule at all",
      properties: {
        loadBalancer,
        retries: {
          type: "object",
          required: ["attempts", "retryOn", "backoffMs"],
          properties: {
            attempts: { type: "integer", minimum: 0, description: "retries after the first try" },
            perTryTimeoutMs: { type: "number", exclusiveMinimum: 0 },
            retryOn: { type: "array", items: retryOn, minItems: 1, uniqueItems: true },
            backoffMs: { type: "number", minimum: 0, description: "Envoy's base interval; 0 retries at once" },
          },
          additionalProperties: false,
        },
        timeoutMs: { type: "number", exclusiveMinimum: 0, description: "route timeout, retries included" },
        circuitBreaker: {
          type: "object",
          required: ["maxConnections", "maxPendingRequests", "maxRequests", "maxRetries"],
          properties: {
            maxConnections: { type: "integer", minimum: 0 },
            maxPendingRequests: { type: "integer", minimum: 0 },
            maxRequests: { type: "integer", minimum: 0 },
            maxRetries: { type: "integer", minimum: 0 },
          },
          additionalProperties: false,
        },
        retryBudget: {
          type: "object",
          required: ["ratio", "minPerSecond", "ttlMs"],
          properties: {
            ratio: { type: "number", minimum: 0 },
            minPerSecond: { type: "number", minimum: 0 },
            ttlMs: { type: "number", exclusiveMinimum: 0 },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

/** The JSON Schema (draft-07) of a profile; time fields are at most a day, as in scenarios (value-limits.ts). */
export const PROFILE_SCHEMA = withTimeLimits({
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://meshsim.dev/schema/mesh-profile.json",
  title: "meshsim mesh profile",
  type: "object",
  required: ["id", "name", "architecture", "description"],
  properties: {
    id: { type: "string", pattern: "^[a-z0-9][-a-z0-9]*$" },
    name: { type: "string" },
    version: { type: "string", description: "the mesh version the numbers describe" },
    architecture: { enum: ["none", "sidecar", "node-agent", "ambient", "ebpf"] },
    description: { type: "string" },
    dataPlane: {
      type: "object",
      properties: {
        proxy: {
          ...proxyCost,
          description: "sidecar: one per meshed pod; node-agent: one per node; ambient: ztunnel, one per node",
        },
        l7Proxy: {
          ...proxyCost,
          description: "ambient: the waypoint; ebpf: the node's shared Envoy; used when L7 features are on",
        },
        gateway: {
          ...proxyCost,
          description: "the mesh's own ingress gateway (an Envoy for Istio, Consul, Kuma), for load.ingress: gateway",
        },
        agentHops: {
          enum: ["both", "client"],
          description: "node-agent: traffic passes the agents of both nodes (linker-to-linker) or only the client's",
        },
        upgradesHttp1: {
          type: "boolean",
          description: "sidecar: the proxies carry HTTP/1.1 between them over one multiplexed HTTP/2 connection",
        },
        redirectMsPerPass: {
          type: "number",
          minimum: 0,
          description: "iptables redirect and loopback cost per pass through a sidecar or agent, ms",
        },
        idleTimeoutMs: {
          type: "number",
          exclusiveMinimum: 0,
          description: "how long the proxies keep an idle pooled connection open, ms (absent: no limit)",
        },
        endpointUpdateMs: {
          type: "number",
          minimum: 0,
          description: "how long a change of a Service's endpoints takes from Kubernetes to the proxies (or kube-proxy's rules), ms (absent: 0)",
        },
        proxyStartupS: {
          type: "number",
          minimum: 0,
          description: "from a new pod's containers starting to its proxy being ready (its readiness gate), s (absent: 0)",
        },
        kernel: {
          type: "object",
          required: ["perRequestUs"],
          properties: {
            perRequestUs: { type: "number", minimum: 0, description: "eBPF work per request per node crossed, µs" },
            agentResources: { ...containerResources, description: "requests and limits of the agent DaemonSet that programs the kernel (cilium-agent); {}: none" },
            idleVcpu: { type: "number", minimum: 0, description: "CPU of an idle agent on each node, vCPU" },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    controlPlane: {
      type: "object",
      required: ["components", "baseVcpu", "baseMemoryMb", "memoryPerProxyMb", "memoryPerServiceMb", "vcpuPer1000Rps"],
      properties: {
        components: { type: "string" },
        baseVcpu: { type: "number", minimum: 0 },
        baseMemoryMb: { type: "number", minimum: 0 },
        memoryPerProxyMb: { type: "number", minimum: 0 },
        memoryPerServiceMb: { type: "number", minimum: 0 },
        memoryPerProxyPerServiceKb: { type: "number", minimum: 0, description: "per proxy per service it is configured for, KB (default 0)" },
        memoryPerProxyPerEndpointKb: { type: "number", minimum: 0, description: "per proxy per endpoint it is configured for, KB (default 0)" },
        vcpuPer1000Rps: { type: "number", minimum: 0, description: "telemetry work that scales with mesh traffic (Mixer)" },
      },
      additionalProperties: false,
    },
    defaults: {
      type: "object",
      properties: {
        mtls: { enum: ["off", "permissive", "strict"] },
        keyType: { enum: ["ecdsa-p256", "rsa-2048", "none"] },
        certLifetimeHours: { type: "number", exclusiveMinimum: 0 },
      },
      additionalProperties: false,
    },
    security: {
      type: "object",
      required: ["mtlsModes", "mtlsPerService", "handshake", "sessionResumption", "encryptionCpuMsPerKiB"],
      properties: {
        mtlsModes: { type: "array", items: { enum: ["off", "permissive", "strict"] }, minItems: 1, uniqueItems: true },
        mtlsPerService: { type: "boolean" },
        handshake: {
          enum: ["tls13", "tls12", "none"],
          description: "tls13 (1 round trip) or tls12 (2, TL3): a mutual handshake per new connection; none: authentication outside the data path",
        },
        sessionResumption: { type: "boolean" },
        encryptionCpuMsPerKiB: { type: "number", minimum: 0 },
        probesUnderStrict: { type: "string" },
        authorization: { enum: ["identity", "labels", "none"] },
        authorizationCpuMs: { type: "number", minimum: 0 },
        l7Policy: {
          enum: ["proxy", "l7Proxy", "none"],
          description:
            "where policies with l7: true are evaluated: in the proxy already on the path, in dataPlane.l7Proxy (the protected service's traffic then passes it), or nowhere (such a policy is an error)",
        },
        transparentEncryption: {
          type: "object",
          description: "node-to-node encryption apart from mTLS, chosen by a scenario's mesh.encryption (ebpf only: the kernel of each node does the work)",
          properties: { wireguard: nodeEncryptionCost, ipsec: nodeEncryptionCost },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    traffic,
    telemetry,
    multiCluster: {
      type: "object",
      description: "how the mesh joins several clusters (a scenario's clusters: [...]); absent: it cannot, and such a scenario is refused for it",
      required: ["defaultMode", "modes", "controlPlanes", "discovery"],
      properties: {
        defaultMode: { type: "string", description: "the mode a scenario gets unless mesh.multiCluster.modes names another" },
        modes: {
          type: "object",
          minProperties: 1,
          additionalProperties: {
            type: "object",
            required: ["gateways", "endpoints", "description"],
            properties: {
              gateways: {
                enum: ["none", "destination", "both"],
                description: "where a call to another cluster passes a gateway: none (pod to pod over a flat network), the callee cluster's gateway (destination), or the caller cluster's and then the callee cluster's (both)",
              },
              gatewayProxy: { enum: ["gateway", "proxy"], description: "which of dataPlane's proxies the gateway is and costs as (default gateway)" },
              gatewayTerminatesTls: { type: "boolean", description: "the gateway ends the mTLS connection and opens another (default false: it routes by SNI and passes the connection through)" },
              endpoints: {
                enum: ["all", "local-first"],
                description: "which clusters' endpoints a caller balances over: every cluster's (all), or its own cluster's while the service has any ready there, then the others' (local-first)",
              },
              needsL4: { type: "boolean", description: "the mode carries L4 only: a scenario with mesh.l7 is refused (ambient's waypoints across clusters)" },
              description: { type: "string" },
            },
            additionalProperties: false,
          },
        },
        refusedModes: {
          type: "object",
          additionalProperties: { type: "string" },
          description: "modes other meshes have that this one's documentation rules out, with why: a scenario asking for one is refused with that reason",
        },
        controlPlanes: {
          type: "array",
          minItems: 1,
          uniqueItems: true,
          items: { enum: ["multi-primary", "primary-remote"] },
          description: "the control-plane layouts the mesh supports: one control plane per cluster (multi-primary) or one in the first cluster serving all (primary-remote)",
        },
        discovery: { type: "string", description: "how each cluster's control plane learns the other clusters' endpoints" },
        serviceAffinity: {
          type: "boolean",
          description: "its data plane reads a Service's cluster affinity (services[].clusterAffinity, Cilium's service.cilium.io/affinity) over the mode's endpoints (default false: the annotation is ignored)",
        },
      },
      additionalProperties: false,
    },
    features: {
      type: "object",
      description: "what the mesh supports (SOURCES.md section 2); values are true, false or a short note",
      additionalProperties: { type: ["boolean", "string"] },
    },
    sources: {
      type: "object",
      description: "for every number above, keyed by its dotted path: the calibration ID or public source it comes from",
      additionalProperties: { type: "string" },
    },
    notes: { type: "array", items: { type: "string" } },
  },
  additionalProperties: false,
} as const);
