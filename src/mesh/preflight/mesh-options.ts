/**
 * The facts about a run that follow from its mesh and its settings: the mTLS mode a run and
 * each service get (none when there is no mesh), whether the ingress gateway and the L7 proxy
 * are in play, and what node-to-node encryption costs. Worked out here once, when tasks are
 * planned, and carried on the task.
 */

import type { MeshOptions, MeshProfile, MtlsMode, NodeEncryption, ProxyScope, Topology } from "../model/index.js";
import { nodeEncryptionCost } from "./node-encryption.js";
import { multiClusterOptions, type MultiClusterRequest } from "./multi-cluster-options.js";
import { placeRun } from "./run-placement.js";

/** What a scenario and the command line ask of a mesh. */
export interface MeshSettings {
  /** The run's mTLS mode (already resolved by runMtlsMode). */
  mtls: MtlsMode;
  l7: boolean;
  ingress: "direct" | "gateway";
  encryption: NodeEncryption;
  /** The load generator's node, and the replicas of the ingress gateway and of waypoints (default 1 each). */
  clientNode?: number;
  /** Whether the load generator is meshed (its sidecar then takes room on its node). */
  clientMeshed?: boolean;
  gatewayReplicas?: number;
  waypointReplicas?: number;
  /** With clusters: the mode per mesh, the control-plane layout and each cluster's gateway replicas. */
  multiCluster?: MultiClusterRequest & { gatewayReplicas: number };
  /** `mesh.proxyScope`: what the scenario scopes each sidecar to (absent: the mesh's default). */
  proxyScope?: ProxyScope;
}

/**
 * What each sidecar of `profile` is configured for when the scenario asks `asked`: the mesh's
 * default, narrowed to `callees` where the mesh lets a scenario scope it; `mesh` for every other
 * architecture (a node agent, ztunnel or node Envoy serves every pod on its node).
 * @example runProxyScope(istio, "callees") // "callees"; runProxyScope(linkerd2, undefined) // "callees"
 */
export function runProxyScope(profile: MeshProfile, asked: ProxyScope | undefined): ProxyScope {
  const scope = profile.dataPlane?.proxyScope;
  if (profile.architecture !== "sidecar" || scope === undefined) return "mesh";
  return asked === "callees" && scope.scopable ? "callees" : scope.default;
}

/**
 * Why `mesh.proxyScope: callees` left `profile`'s proxies configured for the whole mesh, for the
 * run's warnings; undefined when the scope was applied, not asked, or there is no mesh.
 * @example proxyScopeWarning(cilium, "callees") // "mesh.proxyScope: callees does not apply to cilium: ..."
 */
export function proxyScopeWarning(profile: MeshProfile, asked: ProxyScope | undefined): string | undefined {
  if (asked !== "callees" || profile.architecture === "none" || runProxyScope(profile, asked) === "callees") return undefined;
  if (profile.architecture !== "sidecar") {
    return `mesh.proxyScope: callees does not apply to ${profile.id}: it has no sidecars to scope (its ${profile.architecture} data plane serves every pod of a node)`;
  }
  return `mesh.proxyScope: callees: ${profile.id}'s sidecars cannot be scoped (models/${profile.id}.yaml dataPlane.proxyScope), so each is configured for every service of the mesh`;
}

/**
 * The mTLS mode a run of `profile` uses: the one asked for, else the mesh's default; always
 * off without a mesh.
 * @example runMtlsMode(none, "strict") // "off"
 */
export function runMtlsMode(profile: MeshProfile, asked: MtlsMode | undefined): MtlsMode {
  if (profile.architecture === "none") return "off";
  return asked ?? profile.defaults?.mtls ?? "off";
}

/**
 * The run facts of `profile` on `topology` under `settings`.
 * @example deriveMeshOptions(istio, topology, { mtls: "strict", l7: false, ingress: "direct", encryption: "none" }).mtlsByService
 */
export function deriveMeshOptions(profile: MeshProfile, topology: Topology, settings: MeshSettings): MeshOptions {
  const meshed = profile.architecture !== "none";
  const l7Policies = profile.security?.l7Policy === "l7Proxy" && (topology.l7Policies?.length ?? 0) > 0;
  const l7ProxyRuns = meshed && (settings.l7 || l7Policies);
  // The baseline has no mesh gateway: its load generator reaches the pods directly.
  const ingressGateway = meshed && settings.ingress === "gateway";
  const multiCluster = multiClusterOptions(profile, topology, settings.multiCluster);
  return {
    l7: settings.l7,
    l7ProxyRuns,
    mtlsByService: topology.services.map((service) => (meshed ? (service.mtls ?? settings.mtls) : "off")),
    ingressGateway,
    encryption: settings.encryption,
    encryptionCost: nodeEncryptionCost(profile, settings.encryption),
    placement: placeRun(profile, topology, {
      clientNode: settings.clientNode ?? 0,
      clientMeshed: settings.clientMeshed ?? false,
      gatewayReplicas: settings.gatewayReplicas ?? 1,
      waypointReplicas: settings.waypointReplicas ?? 1,
      ingressGateway,
      l7ProxyRuns,
      ...(multiCluster?.gateway ? { clusterGateway: multiCluster.gateway, clusterGatewayReplicas: settings.multiCluster?.gatewayReplicas ?? 1 } : {}),
    }),
    ...(multiCluster ? { multiCluster } : {}),
    proxyScope: runProxyScope(profile, settings.proxyScope),
  };
}
