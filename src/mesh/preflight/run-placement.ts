/**
 * Where a run's pods go. Without declared machines: the scenario's round-robin placement, the
 * gateway's replicas from the load generator's node on, the waypoint's from the last node down.
 * With machines: kube-scheduler's placement by requests (src/cluster/schedule-pods.ts), which
 * differs per mesh, because a sidecar's requests count towards its pod and per-node agents take
 * room on every node first. An autoscaled service's pods beyond its starting count are placed
 * after every other pod, in the order its autoscaler would add them, and request nothing until
 * it does (runner/replication/autoscaler.ts checks their room then).
 */

import { nodesOfClusters, nodesOfZones, schedulePods, type BoundPod, type DaemonPod, type PodToSchedule } from "../../cluster/index.js";
import type { ContainerResources } from "../../cluster/index.js";
import type { MeshProfile, ProxyCost, ResourceQuantities, RunPlacement, Topology } from "../model/index.js";
import { resourcesOf } from "./proxy-resources.js";

/** What placement needs of the run besides the topology and the profile. */
export interface PlacementSettings {
  clientNode: number;
  /** The load generator has a sidecar (a meshed client under a sidecar mesh): its requests take room on the client's node. */
  clientMeshed?: boolean;
  gatewayReplicas: number;
  waypointReplicas: number;
  ingressGateway: boolean;
  l7ProxyRuns: boolean;
  /** With clusters and a mode through gateways: the gateway's cost and its replicas in each cluster. */
  clusterGateway?: ProxyCost;
  clusterGatewayReplicas?: number;
}

/**
 * The run's placement.
 * @throws UnschedulableError when machines are declared and a pod fits on no node (a service's pod: its index as `detail.owner`)
 * @example placeRun(istio, topology, { clientNode: 0, gatewayReplicas: 1, waypointReplicas: 1, ingressGateway: false, l7ProxyRuns: false }).services
 */
export function placeRun(profile: MeshProfile, topology: Topology, settings: PlacementSettings): RunPlacement {
  const { cluster, services } = topology;
  const plane = profile.dataPlane ?? {};
  const gatewayCount = settings.ingressGateway && plane.gateway ? settings.gatewayReplicas : 0;
  const waypointCount = profile.architecture === "ambient" && settings.l7ProxyRuns && plane.l7Proxy ? settings.waypointReplicas : 0;
  const nodes = cluster.nodes;
  const clusterNodes = cluster.zones?.clusters && settings.clusterGateway ? nodesOfClusters(cluster.zones.clusters, cluster.zones.nodeZone) : [];
  const perCluster = settings.clusterGatewayReplicas ?? 1;
  if (!cluster.machine || !cluster.allocatable) {
    return {
      services: services.map((service) => service.placement),
      gateways: Array.from({ length: gatewayCount }, (_, replica) => (settings.clientNode + replica) % nodes),
      waypoints: Array.from({ length: waypointCount }, (_, replica) => (((nodes - 1 - replica) % nodes) + nodes) % nodes),
      // Each cluster's gateway replicas from its last node down, away from the load generator on node 0.
      ...(clusterNodes.length > 0 ? { clusterGateways: clusterNodes.map((own) => Array.from({ length: perCluster }, (_, replica) => own[(((own.length - 1 - replica) % own.length) + own.length) % own.length])) } : {}),
    };
  }
  const sidecar = profile.architecture === "sidecar" ? plane.proxy : undefined;
  const pods: PodToSchedule[] = [];
  // Pods an autoscaler may add come last, in the order it would add them (replica by replica,
  // the autoscaled services in turn), each placed as if those before it ran.
  const later: Array<{ pod: PodToSchedule; service: number; replica: number }> = [];
  const zoneNodes = cluster.zones ? nodesOfZones(cluster.zones) : [];
  services.forEach((service, serviceIndex) => {
    if (service.external) return;
    const withSidecar = sidecar !== undefined && service.meshed;
    const requests = sum(service.resources, withSidecar ? resourcesOf(sidecar.resources) : undefined);
    // Replicas per zone: each pod keeps to its zone's nodes, as a Deployment per zone with a zone nodeSelector would.
    const podZones = service.zoneReplicas?.flatMap((count, zone) => Array.from({ length: count }, () => zone));
    const starting = service.autoscaling?.initialReplicas ?? service.replicas;
    for (let replica = 0; replica < service.replicas; replica++) {
      const allowed = podZones ? zoneNodes[podZones[replica]] : service.nodes;
      const pod: PodToSchedule = {
        group: service.name,
        name: `${service.name}-${replica}`,
        cpuRequest: requests.cpu,
        memoryRequestMb: requests.memoryMb,
        owner: serviceIndex,
        ...(allowed ? { nodes: allowed } : {}),
        ...(withSidecar ? { requestsNote: "with its sidecar" } : {}),
        ...(replica >= starting ? { later: true } : {}),
      };
      if (replica < starting) pods.push(pod);
      else later.push({ pod, service: serviceIndex, replica });
    }
  });
  const deployments: Array<[string, number, ProxyCost | undefined]> = [
    ["gateway", gatewayCount, plane.gateway],
    ["waypoint", waypointCount, plane.l7Proxy],
  ];
  for (const [group, count, cost] of deployments) {
    const requests = sum(resourcesOf(cost?.resources), undefined);
    for (let replica = 0; replica < count; replica++) pods.push({ group, name: `${group}-${replica}`, cpuRequest: requests.cpu, memoryRequestMb: requests.memoryMb });
  }
  const gatewayRequests = sum(resourcesOf(settings.clusterGateway?.resources), undefined);
  clusterNodes.forEach((own, index) => {
    for (let replica = 0; replica < perCluster; replica++) {
      pods.push({ group: "cluster-gateway", name: `cluster-gateway-${index}-${replica}`, cpuRequest: gatewayRequests.cpu, memoryRequestMb: gatewayRequests.memoryMb, nodes: own });
    }
  });
  // The load generator's pod runs on its node whatever the scheduler says; its sidecar's requests
  // take room there as any container's do (its own container requests nothing the scenario knows).
  if (sidecar !== undefined && settings.clientMeshed) {
    const requests = sum(resourcesOf(sidecar.resources), undefined);
    if (requests.cpu > 0 || requests.memoryMb > 0) {
      pods.push({ group: "load-generator", name: "load-generator", cpuRequest: requests.cpu, memoryRequestMb: requests.memoryMb, nodes: [settings.clientNode], requestsNote: "of its sidecar" });
    }
  }
  const fixedCount = pods.length;
  later.sort((a, b) => a.replica - b.replica || a.service - b.service);
  pods.push(...later.map((entry) => entry.pod));
  const daemons = daemonsOf(profile, settings.l7ProxyRuns);
  const schedule = schedulePods({
    nodeCount: nodes,
    allocatable: cluster.allocatable,
    daemons,
    pods,
    ...(cluster.zones ? { nodeZone: cluster.zones.nodeZone } : {}),
  });
  let next = 0;
  const placed = services.map((service) =>
    service.external ? service.placement : Array.from({ length: service.autoscaling?.initialReplicas ?? service.replicas }, () => schedule.podNodes[next++]),
  );
  const gateways = schedule.podNodes.slice(next, next + gatewayCount);
  const waypoints = schedule.podNodes.slice(next + gatewayCount, next + gatewayCount + waypointCount);
  // A later pod that fit nowhere gets a node all the same; the autoscaler finds no room for it there.
  const runnable = services.map((service) => service.replicas);
  later.forEach((entry, i) => {
    placed[entry.service][entry.replica] = schedule.podNodes[fixedCount + i];
    if (schedule.pending![fixedCount + i]) runnable[entry.service] = Math.min(runnable[entry.service], entry.replica);
  });
  const firstClusterGateway = next + gatewayCount + waypointCount;
  const clusterGateways = clusterNodes.map((_, index) => schedule.podNodes.slice(firstClusterGateway + index * perCluster, firstClusterGateway + (index + 1) * perCluster));
  // What kube-scheduler sees once the pods running from the start are bound, for pods placed later in the run.
  const bound: BoundPod[] = [
    ...Array.from({ length: nodes }, (_, node) => daemons.map((daemon) => ({ group: daemon.name, name: `${daemon.name}-${node}`, cpuRequest: daemon.cpuRequest, memoryRequestMb: daemon.memoryRequestMb, node }))).flat(),
    ...pods.slice(0, fixedCount).map((pod, index) => ({ group: pod.group, name: pod.name, cpuRequest: pod.cpuRequest, memoryRequestMb: pod.memoryRequestMb, node: schedule.podNodes[index] })),
  ];
  return { services: placed, gateways, waypoints, ...(clusterNodes.length > 0 ? { clusterGateways } : {}), requested: schedule.requested, runnable, bound };
}

// --- internal ---

/** The mesh's per-node agents (DaemonSets): they take room on every node before any pod. */
function daemonsOf(profile: MeshProfile, l7ProxyRuns: boolean): DaemonPod[] {
  const plane = profile.dataPlane ?? {};
  const daemon = (name: string, quantities: ResourceQuantities | undefined): DaemonPod => {
    const requests = sum(resourcesOf(quantities), undefined);
    return { name, cpuRequest: requests.cpu, memoryRequestMb: requests.memoryMb };
  };
  switch (profile.architecture) {
    case "node-agent":
    case "ambient":
      return [daemon(profile.architecture === "ambient" ? "ztunnel" : `${profile.id}-agent`, plane.proxy?.resources)];
    case "ebpf":
      return [daemon("cilium-agent", plane.kernel?.agentResources), ...(l7ProxyRuns ? [daemon("cilium-envoy", plane.l7Proxy?.resources)] : [])];
    default:
      return [];
  }
}

function sum(a: ContainerResources | undefined, b: ContainerResources | undefined): { cpu: number; memoryMb: number } {
  return { cpu: (a?.cpuRequest ?? 0) + (b?.cpuRequest ?? 0), memoryMb: (a?.memoryRequestMb ?? 0) + (b?.memoryRequestMb ?? 0) };
}
