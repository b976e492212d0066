/**
 * A mesh profile as the data-plane compiler uses it: the architecture and the costs of its
 * proxies, node agents, kernel hooks and control plane. Profiles are data in models/; the
 * scenario loader validates them and applies a scenario's overrides.
 */

import type { RunPlacement } from "./run-placement.js";
import type { TelemetryProfile } from "./telemetry-profile.js";
import type { TrafficProfile } from "./traffic-profile.js";

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
  /**
   * Memory of one instance: a base, per open connection, per endpoint it knows and, where a
   * source gives it apart, per service it is configured for (clusters, routes and their stats).
   */
  memory: { baseMb: number; perConnectionKb: number; perEndpointKb: number; perServiceKb?: number };
  /**
   * Requests and limits the mesh's injector or chart gives the proxy's container; `{}`: it sets
   * none. Requests place the pod; a CPU limit caps the proxy as CFS quota does.
   */
  resources?: ResourceQuantities;
  /** CPU one instance spends on each new connection it accepts or opens, TLS handshake apart, ms. */
  connectionCpuMs?: number;
  /** CPU an idle instance uses (stats flush, xDS keep-alives, probes), vCPU; a constant load on its node. */
  idleVcpu?: number;
}

/**
 * Container requests and limits as a profile writes them: CPU in vCPU or a Kubernetes quantity
 * ("100m"), memory in MB or a quantity ("128Mi"). Parse with cluster/'s parseCpuQuantity and
 * parseMemoryQuantityMb; an absent field is one the chart does not set.
 */
export interface ResourceQuantities {
  cpuRequest?: number | string;
  cpuLimit?: number | string;
  memoryRequestMb?: number | string;
  memoryLimitMb?: number | string;
}

export interface ControlPlaneCost {
  components: string;
  baseVcpu: number;
  baseMemoryMb: number;
  /** Per proxy it configures (sidecar; node agent, ztunnel, waypoint), MB. */
  memoryPerProxyMb: number;
  /** Per meshed service in its registry, MB. */
  memoryPerServiceMb: number;
  /** Per proxy per service that proxy is configured for, KB (istiod: what it keeps of each push). */
  memoryPerProxyPerServiceKb?: number;
  /** Per proxy per endpoint that proxy is configured for, KB. */
  memoryPerProxyPerEndpointKb?: number;
  vcpuPer1000Rps: number;
}

/** What the mesh can do about transport security, and what it costs. */
export interface SecurityProfile {
  /** The mTLS modes the mesh can express (`off` only: it has no mTLS). */
  mtlsModes: Array<"off" | "permissive" | "strict">;
  /** Whether the mode can differ per service (Istio's PeerAuthentication, Linkerd's policy). */
  mtlsPerService: boolean;
  /** How a new connection's mutual authentication is paid for: TLS 1.3, TLS 1.2, or outside the data path. */
  handshake: "tls13" | "tls12" | "none";
  /** TLS 1.3 PSK session resumption skips signatures on reconnects to a known peer. */
  sessionResumption: boolean;
  /** Symmetric encryption of payload at each end of an mTLS hop, ms per KiB. */
  encryptionCpuMsPerKiB: number;
  /** What happens to kubelet's plaintext health probes under strict mTLS. */
  probesUnderStrict?: string;
  /**
   * How authorization policies know the caller: by its mTLS identity (plaintext callers have
   * none, so a policy denies them), by labels (Cilium's identities, no mTLS needed), or not at all.
   */
  authorization?: "identity" | "labels" | "none";
  /** CPU to evaluate a policy, per request, at the server side, ms. */
  authorizationCpuMs?: number;
  /**
   * Where a policy marked `l7: true` (HTTP paths and methods, Kafka topics) is evaluated: in the
   * proxy already on the path (sidecars, node agents), in `dataPlane.l7Proxy`, which the
   * protected service's traffic then passes (Cilium's node Envoy, ambient's waypoint), or nowhere.
   */
  l7Policy?: "proxy" | "l7Proxy" | "none";
  /**
   * Node-to-node encryption the mesh offers apart from mTLS (Cilium's WireGuard and IPsec),
   * chosen by a scenario's `mesh.encryption`.
   */
  transparentEncryption?: Partial<Record<NodeEncryptionMethod, NodeEncryptionCost>>;
}

/** Transparent encryption of what leaves a node, as a scenario's `mesh.encryption` names it. */
export type NodeEncryption = "none" | NodeEncryptionMethod;
export type NodeEncryptionMethod = "wireguard" | "ipsec";

/** What node-to-node encryption costs at each end of a pass between two nodes. */
export interface NodeEncryptionCost {
  /** Kernel CPU to encrypt (sender) or decrypt (receiver) one KiB of payload, ms. */
  cpuMsPerKiB: number;
  /** Delay one end adds to a pass besides that CPU (encapsulation, hand-off to crypto workers), ms. */
  latencyMsPerPass: number;
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
    /** The mesh's own ingress gateway, for traffic entering from outside the mesh. */
    gateway?: ProxyCost;
    agentHops?: "both" | "client";
    redirectMsPerPass?: number;
    /** Sidecars carry HTTP/1.1 between them over multiplexed HTTP/2 (linkerd2-proxy). */
    upgradesHttp1?: boolean;
    /**
     * How long the proxies keep an idle pooled connection (between proxies, or from a proxy to
     * an app) before closing it, ms; absent: no limit. Envoy's upstream idle_timeout, ztunnel's
     * pool release timeout, linkerd2-proxy's idle discovery timeout.
     */
    idleTimeoutMs?: number;
    /**
     * How long a change of a Service's endpoints (a pod leaving or joining) takes from Kubernetes'
     * EndpointSlices to the callers' balancers: the control plane's watch, debounce and push, ms.
     */
    endpointUpdateMs?: number;
    /** From a new pod's containers starting to its proxy passing readiness, s: added to a pod's start-up. */
    proxyStartupS?: number;
    /**
     * `sidecar` only: what each sidecar is configured for, and so holds in memory (clusters,
     * endpoints and their stats) and costs its control plane. `mesh`: every service and endpoint of
     * the mesh (Istio without a Sidecar resource); `callees`: only the services its workload calls
     * (linkerd2-proxy discovers a destination when traffic first goes to it). `scopable`: a
     * scenario's `mesh.proxyScope: callees` can narrow `mesh` to `callees` (Istio's Sidecar egress
     * hosts, Kuma's reachable services). Absent: `mesh`, not scopable.
     */
    proxyScope?: { default: ProxyScope; scopable: boolean };
    /**
     * `ebpf` only: the per-node kernel datapath and the agent DaemonSet that programs it (cilium-agent):
     * its requests and limits (`{}`: none) and its idle CPU, vCPU.
     */
    kernel?: { perRequestUs: number; agentResources?: ResourceQuantities; idleVcpu?: number };
  };
  controlPlane?: ControlPlaneCost;
  defaults?: { mtls?: "off" | "permissive" | "strict"; keyType?: string; certLifetimeHours?: number };
  security?: SecurityProfile;
  /** Traffic rules the mesh can express and its behaviour with none; absent for `none`. */
  traffic?: TrafficProfile;
  /** Telemetry defaults and what each part costs; absent for `none`. */
  telemetry?: TelemetryProfile;
  /** How the mesh joins several clusters; absent: it cannot. */
  multiCluster?: MultiClusterProfile;
  features?: Record<string, boolean | string>;
  sources?: Record<string, string>;
  notes?: string[];
}

/** How a mesh joins several clusters (models/<id>.yaml multiCluster), each choice from its documentation. */
export interface MultiClusterProfile {
  defaultMode: string;
  modes: Record<string, MultiClusterMode>;
  /** Modes its documentation rules out, with why (ambient's single network). */
  refusedModes?: Record<string, string>;
  /** The control-plane layouts the mesh supports. */
  controlPlanes: ControlPlaneLayout[];
  /** How each cluster's control plane learns the others' endpoints. */
  discovery: string;
  /** Its data plane reads a Service's cluster affinity (services[].clusterAffinity) over the mode's endpoints. */
  serviceAffinity?: boolean;
  /** What the control planes do with a lost cluster's endpoints, in words (each mode's gatewayProbe gives the numbers). */
  lostCluster?: string;
}

export type ControlPlaneLayout = "multi-primary" | "primary-remote";

/** One way of joining clusters: the data path of a call to another cluster, and who balances over what. */
export interface MultiClusterMode {
  /** none: pod to pod; destination: through the callee cluster's gateway; both: the caller cluster's, then the callee cluster's. */
  gateways: "none" | "destination" | "both";
  /** Which proxy of dataPlane the gateway is (default gateway). */
  gatewayProxy?: "gateway" | "proxy";
  /** The gateway ends the mTLS connection and opens another (default: passes it through by SNI). */
  gatewayTerminatesTls?: boolean;
  /** Every cluster's endpoints, or the caller's own cluster's while the service has any there. */
  endpoints: "all" | "local-first";
  /** L4 only: L7 features across clusters are refused. */
  needsL4?: boolean;
  /**
   * The control plane probes each linked cluster's gateway and marks that cluster's endpoints not
   * ready once the probe fails this often in a row (Linkerd's service mirror); absent: a lost
   * cluster's endpoints stay in the callers' balancing.
   */
  gatewayProbe?: GatewayProbe;
  description: string;
}

/** A control plane's health probe of another cluster's gateway. */
export interface GatewayProbe {
  /** Between probes, s (a tick that comes while a probe is under way is dropped). */
  periodS: number;
  /** How long one probe waits for an answer, s: a lost cluster answers none, so each failing probe takes this long. */
  timeoutS: number;
  /** Failed probes in a row that mark the cluster's endpoints not ready. */
  failureThreshold: number;
}

/** The multi-cluster facts of a run (only with `clusters`). */
export interface MultiClusterOptions {
  mode: string;
  gateways: MultiClusterMode["gateways"];
  /** The gateway's cost; undefined when the mode has no gateway. */
  gateway?: ProxyCost;
  gatewayTerminatesTls: boolean;
  endpoints: MultiClusterMode["endpoints"];
  controlPlane: ControlPlaneLayout;
  /**
   * From a cluster's failure to its control-plane peers marking its endpoints not ready, ms (the
   * callers then stop picking them once the change has spread: dataPlane.endpointUpdateMs);
   * undefined: the endpoints stay and only outlier detection moves calls away.
   */
  lostEndpointsAfterMs?: number;
}

export type MtlsMode = "off" | "permissive" | "strict";

/** What a sidecar is configured for: every service of the mesh, or the services its workload calls. */
export type ProxyScope = "mesh" | "callees";

/**
 * The data-plane part `profile`'s architecture needs that it lacks, as a field path, or
 * undefined: the eBPF data plane needs its kernel cost, the other meshes a proxy.
 * @example missingDataPlanePart({ ...istio, dataPlane: {} }) // "dataPlane.proxy"
 */
export function missingDataPlanePart(profile: MeshProfile): string | undefined {
  if (profile.architecture === "none") return undefined;
  if (profile.architecture === "ebpf") return profile.dataPlane?.kernel ? undefined : "dataPlane.kernel";
  return profile.dataPlane?.proxy ? undefined : "dataPlane.proxy";
}

/**
 * How a run uses its mesh, derived once when the run is planned (deriveMeshOptions) and
 * carried on every task, so no later phase works these facts out again.
 */
export interface MeshOptions {
  /** L7 features in use: ambient waypoints, Cilium's node Envoy. */
  l7: boolean;
  /** Whether the mesh's L7 proxy (waypoint, node Envoy) runs: for `l7`, or for policies with L7 rules. */
  l7ProxyRuns: boolean;
  /** mTLS mode of each service, by service index (all off without a mesh). */
  mtlsByService: MtlsMode[];
  /** The load generator's traffic enters through the mesh's ingress gateway (never without a mesh). */
  ingressGateway: boolean;
  /** Node-to-node encryption (Cilium's WireGuard or IPsec). */
  encryption: NodeEncryption;
  /** What that encryption costs where the data plane places it; undefined when the run does not encrypt between nodes. */
  encryptionCost: NodeEncryptionCost | undefined;
  /** Where the run's pods are (per mesh: a sidecar's requests count towards its pod). */
  placement: RunPlacement;
  /** How the mesh joins the clusters; only with `clusters`. */
  multiCluster?: MultiClusterOptions;
  /** What each sidecar is configured for in this run (`mesh` for every other architecture). */
  proxyScope: ProxyScope;
}
