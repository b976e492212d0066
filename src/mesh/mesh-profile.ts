/**
 * A mesh profile as the data-plane compiler uses it: the architecture and the costs of its
 * proxies, node agents, kernel hooks and control plane. Profiles are data in models/; the
 * scenario loader validates them and applies a scenario's overrides.
 */

export type Architecture = "none" | "sidecar" | "node-agent" | "ambient" | "ebpf";

/** Values per protocol of the call a proxy carries. */
export interface ProtocolTable {
  http1: number;
  http2: number;
  grpc: number;
  tcp: number;
}

/** One kind of proxy: a sidecar, a node agent, ztunnel, a waypoint, a node's Envoy. */
export interface ProxyCost {
  implementation: string;
  workers: number;
  /** Mean critical-path time of one pass (request or response), ms. */
  pathMsPerPass: ProtocolTable;
  /** Coefficient of variation of a pass (lognormal). */
  pathCv: number;
  /** CPU per request through one instance, both passes, ms. */
  cpuMsPerRequest: ProtocolTable;
  /** Extra CPU per KiB of payload, both directions, ms. */
  cpuMsPerKiB: number;
  memory: { baseMb: number; perConnectionKb: number; perEndpointKb: number };
}

export interface ControlPlaneCost {
  components: string;
  baseVcpu: number;
  baseMemoryMb: number;
  memoryPerProxyMb: number;
  memoryPerServiceMb: number;
  vcpuPer1000Rps: number;
}

export interface MeshProfile {
  id: string;
  name: string;
  version?: string;
  architecture: Architecture;
  description: string;
  dataPlane?: {
    proxy?: ProxyCost;
    l7Proxy?: ProxyCost;
    agentHops?: "both" | "client";
    redirectMsPerPass?: number;
    kernel?: { perRequestUs: number };
  };
  controlPlane?: ControlPlaneCost;
  defaults?: { mtls?: "off" | "permissive" | "strict"; keyType?: string; certLifetimeHours?: number };
  features?: Record<string, boolean | string>;
  sources?: Record<string, string>;
  notes?: string[];
}

/** How a run uses its mesh: whether L7 features route traffic through waypoints or node Envoys. */
export interface MeshOptions {
  l7: boolean;
}
