/**
 * `dataPlane` in the mesh profile schema: what each proxy costs (path time, CPU, memory, its
 * container's requests and limits), how traffic passes them, and the eBPF kernel's share.
 */

import { MAX_CV, MAX_PROXY_WORKERS, MAX_TIME_MS } from "./value-limits.js";

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

/** The proxies of a profile and how requests pass them; absent for architecture none. */
export const dataPlane = {
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
    proxyScope: {
      type: "object",
      required: ["default", "scopable"],
      properties: {
        default: { enum: ["mesh", "callees"], description: "what each sidecar is configured for unless the scenario scopes it: every service of the mesh, or only those its workload calls" },
        scopable: { type: "boolean", description: "whether a scenario's mesh.proxyScope: callees can narrow it (Istio's Sidecar resource, Kuma's reachable services)" },
      },
      additionalProperties: false,
      description: "sidecar only: what each sidecar is configured for (its memory per service and per endpoint, and its control plane's cross terms); absent: every service, not scopable",
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
} as const;
