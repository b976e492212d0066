/**
 * Control planes across clusters: multi-primary runs one in every cluster, each configuring its own
 * cluster's proxies but knowing every cluster's services and endpoints (it watches the other clusters'
 * API servers, or their mirrors, KDS or clustermesh-apiserver); primary-remote runs one, in the first
 * cluster, configuring every cluster's proxies. Memory follows control-plane-memory.ts for each.
 */

import { clusterOfNodes } from "../../cluster/index.js";
import type { ControlPlaneCost, MeshOptions, MeshProfile, Topology } from "../model/index.js";
import { controlPlaneMemoryMb, unscopedLoad, type ControlPlaneLoad } from "./control-plane-memory.js";
import { sidecarConfigs } from "./sidecar-config.js";

/** One cluster's control plane: the proxies it configures and the endpoints it learns from the other clusters. */
export interface ClusterControlPlane {
  cluster: string;
  memoryMb: number;
  proxies: number;
  /** Meshed endpoints in the other clusters, which its proxies are configured for too. */
  remoteEndpoints: number;
}

/**
 * The control planes of a run across clusters; undefined with one cluster, without a control plane,
 * or with primary-remote (one control plane, as in one cluster).
 * @example clusterControlPlanes(topology, istio, options, false)?.map((plane) => plane.memoryMb)
 */
export function clusterControlPlanes(topology: Topology, profile: MeshProfile, mesh: MeshOptions, clientMeshed: boolean, clientNode: number): ClusterControlPlane[] | undefined {
  const zones = topology.cluster.zones;
  const clusters = zones?.clusters;
  const control: ControlPlaneCost | undefined = profile.controlPlane;
  if (!zones || !clusters || !control || !mesh.multiCluster || mesh.multiCluster.controlPlane === "primary-remote") return undefined;
  const meshedServices = topology.services.filter((service) => service.meshed && !service.external);
  const count = clusters.names.length;
  const endpointsIn = new Array<number>(count).fill(0);
  for (const service of meshedServices) service.zoneReplicas?.forEach((replicas, zone) => (endpointsIn[clusters.zoneCluster[zone]] += replicas));
  const nodeCluster = clusterOfNodes(clusters, zones.nodeZone);
  if (clientMeshed) endpointsIn[nodeCluster[clientNode]]++;
  const nodesIn = clusters.names.map((_, cluster) => nodeCluster.filter((owner) => owner === cluster).length);
  const waypointsIn = clusters.names.map((_, cluster) => mesh.placement.waypoints.filter((node) => nodeCluster[node] === cluster).length);
  const endpoints = endpointsIn.reduce((sum, n) => sum + n, 0);
  const sidecar = profile.architecture === "sidecar";
  // Each sidecar is configured for what its workload may reach in every cluster (mesh.proxyScope).
  const configs = sidecar ? sidecarConfigs(topology, mesh.proxyScope, endpoints) : undefined;
  const sidecarLoads = clusters.names.map((): ControlPlaneLoad => ({ proxies: 0, services: meshedServices.length, proxyServices: 0, proxyEndpoints: 0 }));
  if (configs) {
    const add = (cluster: number, count: number, config: { services: number; endpoints: number }): void => {
      sidecarLoads[cluster].proxies += count;
      sidecarLoads[cluster].proxyServices += count * config.services;
      sidecarLoads[cluster].proxyEndpoints += count * config.endpoints;
    };
    for (const service of meshedServices) service.zoneReplicas?.forEach((replicas, zone) => add(clusters.zoneCluster[zone], replicas, configs.byService.get(service.name)!));
    if (clientMeshed) add(nodeCluster[clientNode], 1, configs.client);
  }
  return clusters.names.map((name, cluster) => {
    // Sidecars are configured one per meshed pod; node agents, ztunnels and Cilium agents one per node.
    const load = sidecar
      ? sidecarLoads[cluster]
      : unscopedLoad(nodesIn[cluster] + (profile.architecture === "ambient" && mesh.l7ProxyRuns ? waypointsIn[cluster] : 0), meshedServices.length, topology.services.length, endpoints);
    const memoryMb = controlPlaneMemoryMb(control, load);
    return { cluster: name, memoryMb, proxies: load.proxies, remoteEndpoints: endpoints - endpointsIn[cluster] };
  });
}
