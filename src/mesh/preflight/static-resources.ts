/**
 * The resource cost that follows from the shape of the deployment rather than from traffic:
 * how many proxy instances a mesh runs, their memory (base, per connection, per endpoint they
 * know), and the control plane's memory as the mesh grows. CPU is measured by the simulation.
 */

import { clusterControlPlanes, type ClusterControlPlane } from "./cluster-control-planes.js";
import { controlPlaneMemoryMb, unscopedLoad } from "./control-plane-memory.js";
import { callEdges } from "./call-edges.js";
import { sidecarConfigs, type SidecarConfig } from "./sidecar-config.js";
import type { MeshOptions, MeshProfile, ProxyCost, ResourceQuantities } from "../model/index.js";
import { resourcesOf } from "./proxy-resources.js";
import { LOAD_GENERATOR, type Topology } from "../model/index.js";

export interface StaticResources {
  proxies: number;
  dataPlaneMemoryMb: number;
  /** CPU the proxies burn whatever the load (stats flushes, xDS keep-alives, probes), vCPU. */
  dataPlaneIdleVcpu: number;
  /** What the proxies' containers request of the nodes, vCPU and MB. */
  dataPlaneRequested: { vcpu: number; memoryMb: number };
  controlPlane: { baseVcpu: number; vcpuPer1000Rps: number; memoryMb: number; clusters?: ClusterControlPlane[] };
}

/**
 * Proxy count and memory for `profile` deployed on `topology`.
 * @example staticResources(topology, istio, deriveMeshOptions(istio, topology, settings), false).proxies // meshed pods
 */
export function staticResources(topology: Topology, profile: MeshProfile, mesh: MeshOptions, clientMeshed: boolean, clientNode = 0): StaticResources {
  const meshedServices = topology.services.filter((service) => service.meshed && !service.external);
  const meshedPods = meshedServices.reduce((sum, service) => sum + service.replicas, 0) + (clientMeshed ? 1 : 0);
  const peers = peerPodsByService(topology);
  // A node agent, ztunnel or gateway learns every meshed endpoint; a sidecar too unless scoped (mesh.proxyScope).
  const endpoints = meshedPods;
  const nodes = topology.cluster.nodes;
  const plane = profile.dataPlane ?? {};

  const knownServices = topology.services.length;
  const everything: SidecarConfig = { services: knownServices, endpoints };
  const sidecars = sidecarConfigs(topology, mesh.proxyScope, meshedPods);
  let proxies = 0;
  let memoryMb = 0;
  let idleVcpu = 0;
  const requested = { vcpu: 0, memoryMb: 0 };
  // What the sidecars are configured for, summed over them: the control plane's cross terms.
  const sidecarLoad = { services: 0, endpoints: 0 };
  const addInstances = (cost: { memory: ProxyCost["memory"]; idleVcpu?: number; resources?: ResourceQuantities } | undefined, count: number, connectionsEach: number, config = everything): void => {
    if (!cost || count === 0) return;
    proxies += count;
    const { baseMb, perConnectionKb, perEndpointKb, perServiceKb = 0 } = cost.memory;
    memoryMb += count * (baseMb + (perConnectionKb * connectionsEach + perEndpointKb * config.endpoints + perServiceKb * config.services) / 1024);
    idleVcpu += count * (cost.idleVcpu ?? 0);
    const resources = resourcesOf(cost.resources);
    requested.vcpu += count * (resources?.cpuRequest ?? 0);
    requested.memoryMb += count * (resources?.memoryRequestMb ?? 0);
  };
  const l7ProxyRuns = mesh.l7ProxyRuns;
  const totalConnections = meshedServices.reduce((sum, service) => sum + service.replicas * (peers.get(service.name) ?? 0), 0);

  switch (profile.architecture) {
    case "sidecar": {
      const addSidecars = (count: number, connectionsEach: number, config: SidecarConfig): void => {
        addInstances(plane.proxy, count, connectionsEach, config);
        sidecarLoad.services += count * config.services;
        sidecarLoad.endpoints += count * config.endpoints;
      };
      for (const service of meshedServices) addSidecars(service.replicas, peers.get(service.name) ?? 0, sidecars.byService.get(service.name)!);
      if (clientMeshed) addSidecars(1, 1, sidecars.client);
      break;
    }
    case "node-agent":
    case "ambient":
      addInstances(plane.proxy, nodes, totalConnections / nodes);
      if (profile.architecture === "ambient" && l7ProxyRuns) addInstances(plane.l7Proxy, mesh.placement.waypoints.length, totalConnections / Math.max(1, mesh.placement.waypoints.length));
      break;
    case "ebpf": {
      if (l7ProxyRuns) addInstances(plane.l7Proxy, nodes, totalConnections / nodes);
      // The agent that programs the kernel (cilium-agent) idles on every node; its memory is the profile's control plane.
      const agent = resourcesOf(plane.kernel?.agentResources);
      idleVcpu += nodes * (plane.kernel?.idleVcpu ?? 0);
      requested.vcpu += nodes * (agent?.cpuRequest ?? 0);
      requested.memoryMb += nodes * (agent?.memoryRequestMb ?? 0);
      break;
    }
    case "none":
      break;
  }

  // The control plane configures each sidecar, or each node's agent (node agents, ztunnels,
  // Cilium agents) plus a waypoint: the per-proxy terms scale with those instances, each
  // configured for what the data plane's instances know (every service and meshed endpoint).
  const configured =
    profile.architecture === "sidecar" ? meshedPods : profile.architecture === "none" ? 0 : nodes + (profile.architecture === "ambient" && l7ProxyRuns ? mesh.placement.waypoints.length : 0);
  const gateways = mesh.placement.gateways.length;
  if (mesh.ingressGateway) addInstances(plane.gateway, gateways, topology.services.length / Math.max(1, gateways));
  // Each cluster's multi-cluster gateway: a connection per remote service it forwards to, roughly.
  const clusterGateways = mesh.placement.clusterGateways?.flat().length ?? 0;
  addInstances(mesh.multiCluster?.gateway, clusterGateways, topology.services.length);
  const control = profile.controlPlane;
  const perCluster = clusterControlPlanes(topology, profile, mesh, clientMeshed, clientNode);
  if (control && perCluster) {
    return {
      proxies,
      dataPlaneMemoryMb: memoryMb,
      dataPlaneIdleVcpu: idleVcpu,
      dataPlaneRequested: requested,
      controlPlane: {
        baseVcpu: control.baseVcpu * perCluster.length,
        vcpuPer1000Rps: control.vcpuPer1000Rps,
        memoryMb: perCluster.reduce((sum, plane) => sum + plane.memoryMb, 0),
        clusters: perCluster,
      },
    };
  }
  return {
    proxies,
    dataPlaneMemoryMb: memoryMb,
    dataPlaneIdleVcpu: idleVcpu,
    dataPlaneRequested: requested,
    controlPlane: control
      ? {
          baseVcpu: control.baseVcpu,
          vcpuPer1000Rps: control.vcpuPer1000Rps,
          memoryMb: controlPlaneMemoryMb(
            control,
            profile.architecture === "sidecar"
              ? { proxies: configured, services: meshedServices.length, proxyServices: sidecarLoad.services, proxyEndpoints: sidecarLoad.endpoints }
              : unscopedLoad(configured, meshedServices.length, knownServices, endpoints),
          ),
        }
      : { baseVcpu: 0, vcpuPer1000Rps: 0, memoryMb: 0 },
  };
}

// --- internal ---

/** For each service, the pods it exchanges calls with (callers and callees; not the load generator), one connection each. */
function peerPodsByService(topology: Topology): Map<string, number> {
  const replicas = new Map(topology.services.map((service) => [service.name, service.replicas]));
  const neighbours = new Map<string, Set<string>>();
  const connect = (a: string, b: string): void => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    if (!neighbours.has(b)) neighbours.set(b, new Set());
    neighbours.get(a)!.add(b);
    neighbours.get(b)!.add(a);
  };
  for (const edge of callEdges(topology)) if (edge.from !== LOAD_GENERATOR) connect(edge.from, edge.to);
  const peers = new Map<string, number>();
  for (const [service, set] of neighbours) peers.set(service, [...set].reduce((sum, peer) => sum + (replicas.get(peer) ?? 0), 0));
  return peers;
}
