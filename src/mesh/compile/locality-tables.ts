/**
 * Where zone-aware balancing may send a call, precomputed once per run so the request flow picks
 * a replica by zone without allocating: per (caller zone, service) the replicas in that zone and
 * those outside it, and per service how each kind of balancer treats it.
 *
 * Three behaviours, from their documentation:
 * - LOCALITY_SAME_ZONE: Kubernetes' PreferSameZone (spec.trafficDistribution; PreferClose its older
 *   name) as kube-proxy applies it: endpoints in the caller's zone when there are any, else every
 *   endpoint (KEP-4444, KEP-3015). It follows readiness only, not the caller's outlier detection.
 * - LOCALITY_HINTS: topology-mode Auto: the same, over the endpoints the EndpointSlice controller
 *   hinted for the caller's zone (allocateHints; KEP-2433).
 * - LOCALITY_PRIORITY: Envoy's priority levels as Istio's and Kuma's locality load balancing set them
 *   (same zone priority 0, the other zones next): priority 0 takes min(1, 1.4 x its healthy share) of
 *   the calls, the rest spill to the other zones (pick-preferred-replica.ts). Healthy = not ejected.
 *   With several clusters, the region's other zones come before other regions.
 * - LOCALITY_FAILOVER, across clusters: the caller's own cluster while any of its replicas is healthy,
 *   then the others (a mesh's local-first multi-cluster mode; a plain Service's cluster-local endpoints).
 *   A Service's cluster affinity (Cilium's service.cilium.io/affinity, where the profile reads it)
 *   overrides the mode for calls to it: local as local-first, remote the other clusters first, none all.
 */

import type { ClusterSet } from "../../cluster/index.js";
import type { ClusterAffinity, MeshProfile, Topology, LocalityHonour } from "../model/index.js";

export const LOCALITY_NONE = 0;
/** Endpoints in the caller's zone when there are any (trafficDistribution PreferSameZone). */
export const LOCALITY_SAME_ZONE = 1;
/** Endpoints hinted for the caller's zone when there are any (topology-mode Auto's hints). */
export const LOCALITY_HINTS = 2;
/** Envoy's priority levels by zone (a mesh's own locality-aware load balancing). */
export const LOCALITY_PRIORITY = 3;

/**
 * Across clusters: the caller's own cluster's replicas while any is healthy (not ejected), then the
 * others (Linkerd's mirrored services with linkerd-failover, Cilium's affinity local, Consul's failover,
 * Kuma's locality awareness; a plain Kubernetes Service, whose endpoints are its own cluster's).
 */
export const LOCALITY_FAILOVER = 4;

/** Across clusters, which clusters' replicas a call tries first (clusterPreference). */
export const CLUSTER_ALL = 0;
export const CLUSTER_LOCAL_FIRST = 1;
export const CLUSTER_REMOTE_FIRST = 2;

/**
 * The EndpointSlice controller adds hints only when the expected overload of every zone (its
 * expected share of endpoints over those allocated to it, minus 1) is below 20%; KEP-2433
 * (kubernetes/enhancements keps/sig-network/2433-topology-aware-hints, "Overload").
 */
export const HINTS_OVERLOAD_THRESHOLD = 0.2;

/** Everything kube-proxy follows: both Service settings. */
const KUBE_PROXY_HONORS: readonly LocalityHonour[] = ["trafficDistribution", "topologyHints"];

/** Per (zone * services + service): the service's replicas preferred by callers in the zone, the others, and the preferred pods. */
export interface PreferredReplicas {
  local: Int32Array[];
  remote: Int32Array[];
  localPods: Int32Array[];
}

export interface LocalityTables {
  zoneCount: number;
  serviceCount: number;
  /** Zone of each pod (-1 outside the cluster). */
  podZone: Int32Array;
  /** Replicas in each zone (for PreferSameZone and a mesh's own locality balancing). */
  sameZone: PreferredReplicas;
  /** Replicas hinted for each zone by the EndpointSlice controller (topology-mode Auto); empty when it gives none. */
  hinted: PreferredReplicas;
  /** Per service: what kube-proxy does for an unmeshed caller: LOCALITY_NONE, _SAME_ZONE or _HINTS. */
  kubeProxyMode: Uint8Array;
  /** Per service: what the mesh's balancers do from the Service settings they follow. */
  meshMode: Uint8Array;
  /** Per pod: 1 when its calls leave through the mesh (its balancer follows meshMode), 0 through kube-proxy. */
  podMeshed: Uint8Array;
  /** What setActiveReplicas needs to redo a service's rows: the run's shape. */
  shape: { topology: Topology; honors: readonly LocalityHonour[]; nodesPerZone: number[]; servicePods: readonly Int32Array[] };
  /**
   * With several clusters: per zone and service, the replicas in the zone's cluster and the others; and
   * per pod, 1 when its calls keep to its own cluster first (LOCALITY_FAILOVER), 0 when its balancer
   * spreads them over every cluster. Absent with one cluster.
   */
  sameCluster?: PreferredReplicas & { remotePods: Int32Array[] };
  podClusterFirst?: Uint8Array;
  /**
   * With several clusters and a profile that reads Service affinity: per service, CLUSTER_* for a meshed
   * caller's calls to it, or -1 to follow podClusterFirst (the mode). Absent otherwise.
   */
  serviceClusterAffinity?: Int8Array;
  /**
   * With several clusters: per zone and service, the replicas in other zones of the zone's region, which
   * Envoy's priority levels try before other regions (Istio's locality: zone, then region, then the rest).
   */
  sameRegion?: Int32Array[];
}

/**
 * The mode a call from `callerPod` to `service` is balanced by, outside the mesh's own locality
 * rules: the mesh's balancer for a meshed caller (sidecar, ztunnel, eBPF datapath), kube-proxy else.
 */
export function callerLocalityMode(tables: LocalityTables, callerPod: number, service: number): number {
  return tables.podMeshed[callerPod] === 1 ? tables.meshMode[service] : tables.kubeProxyMode[service];
}

/**
 * Which clusters' replicas a call from `callerPod` to `service` tries first: CLUSTER_ALL with one
 * cluster; a meshed caller follows the Service's affinity where the profile reads it, else the mode
 * (podClusterFirst); an unmeshed caller keeps to its own cluster first.
 */
export function clusterPreference(tables: LocalityTables, callerPod: number, service: number): number {
  const first = tables.podClusterFirst;
  if (first === undefined) return CLUSTER_ALL;
  const affinity = tables.serviceClusterAffinity;
  if (affinity !== undefined && affinity[service] >= 0 && tables.podMeshed[callerPod] === 1) return affinity[service];
  return first[callerPod] === 1 ? CLUSTER_LOCAL_FIRST : CLUSTER_ALL;
}

/**
 * The run's locality tables; undefined when the cluster has no zones.
 * @example compileLocality(topology, profile, podZone, servicePods)?.sameZone.local[0] // replicas of service 0 in zone 0
 */
export function compileLocality(
  topology: Topology,
  profile: MeshProfile,
  podZone: Int32Array,
  servicePods: readonly Int32Array[],
  podMeshed: Uint8Array = new Uint8Array(podZone.length),
  serviceActive?: Int32Array,
  clusterEndpoints: "all" | "local-first" = "local-first",
): LocalityTables | undefined {
  const zones = topology.cluster.zones;
  if (!zones) return undefined;
  const zoneCount = zones.names.length;
  const services = topology.services;
  const rows = zoneCount * services.length;
  const callersMeshed = profile.architecture === "none" ? new Uint8Array(podMeshed.length) : podMeshed;
  const emptyTable = (): PreferredReplicas => ({ local: new Array<Int32Array>(rows), remote: new Array<Int32Array>(rows), localPods: new Array<Int32Array>(rows) });
  const tables: LocalityTables = {
    zoneCount,
    serviceCount: services.length,
    podZone,
    sameZone: emptyTable(),
    hinted: emptyTable(),
    kubeProxyMode: new Uint8Array(services.length),
    meshMode: new Uint8Array(services.length),
    podMeshed: callersMeshed,
    shape: {
      topology,
      honors: profile.architecture === "none" ? KUBE_PROXY_HONORS : (profile.traffic?.locality?.honors ?? []),
      nodesPerZone: zones.names.map((_, zone) => zones.nodeZone.filter((z) => z === zone).length),
      servicePods,
    },
  };
  services.forEach((_, service) => setActiveReplicas(tables, service, serviceActive?.[service] ?? servicePods[service].length));
  // Clusters and autoscaling are not combined (resolve-scenario refuses it): these follow every pod.
  const ownZones = servicePods.map((pods) => Array.from(pods, (pod) => podZone[pod]));
  Object.assign(tables, clusterTables(zones.clusters, zoneCount, servicePods, ownZones, callersMeshed, clusterEndpoints));
  if (zones.clusters && profile.multiCluster?.serviceAffinity && services.some((service) => service.clusterAffinity !== undefined)) {
    tables.serviceClusterAffinity = Int8Array.from(services, (service) => (service.clusterAffinity === undefined ? -1 : AFFINITY_PREFERENCE[service.clusterAffinity]));
  }
  return tables;
}

/**
 * Redoes a service's rows for its first `active` pods, those in its callers' balancing (an
 * autoscaler's pods come and go): its replicas per zone, the EndpointSlice controller's hints
 * (recomputed, as the controller does when endpoints change), and the modes that depend on them.
 * O(pods x zones); call when the count changes, never per call.
 */
export function setActiveReplicas(tables: LocalityTables, service: number, active: number): void {
  const { topology, honors, nodesPerZone, servicePods } = tables.shape;
  const pods = servicePods[service].subarray(0, active);
  const ownZones = Array.from(pods, (pod) => tables.podZone[pod]);
  const settings = topology.services[service];
  const hints = settings.topologyAuto ? allocateHints(ownZones, nodesPerZone) : undefined;
  // kubernetes.io/docs/reference/networking/virtual-ips, "Traffic distribution": topology-mode Auto
  // takes precedence over trafficDistribution where both are set.
  const modeFor = (followed: readonly LocalityHonour[]) => {
    if (hints && followed.includes("topologyHints")) return LOCALITY_HINTS;
    return settings.preferSameZone && followed.includes("trafficDistribution") ? LOCALITY_SAME_ZONE : LOCALITY_NONE;
  };
  tables.kubeProxyMode[service] = modeFor(KUBE_PROXY_HONORS);
  tables.meshMode[service] = modeFor(honors);
  fillRows(tables.sameZone, tables, service, pods, ownZones);
  fillRows(tables.hinted, tables, service, pods, hints ?? ownZones.map(() => -1));
}

/**
 * The zone each endpoint is hinted for by topology-mode Auto, or undefined when the controller would
 * give no hints. Each zone is allocated its share of the endpoints by its share of the nodes (every
 * node is the same machine, so of the allocatable CPU), rounded down with the remainders going to the
 * largest fractions; a zone allocated none, or expected overload of 20% or more, means no hints
 * (KEP-2433's cases: 3 endpoints in 3 zones get hints, 2 or 4 do not; 4 endpoints all in one of 2
 * zones do). Endpoints keep their own zone's hint up to its allocation; the surplus serve the zones short.
 * @example allocateHints([0, 0, 0, 0], [1, 1]) // [0, 0, 1, 1]
 */
export function allocateHints(endpointZones: readonly number[], nodesPerZone: readonly number[]): number[] | undefined {
  const count = endpointZones.length;
  const totalNodes = nodesPerZone.reduce((sum, n) => sum + n, 0);
  const expected = nodesPerZone.map((nodes) => (count * nodes) / totalNodes);
  const allocated = expected.map(Math.floor);
  let left = count - allocated.reduce((sum, n) => sum + n, 0);
  const byFraction = expected.map((value, zone) => ({ zone, fraction: value - Math.floor(value) })).sort((a, b) => b.fraction - a.fraction || a.zone - b.zone);
  for (const { zone } of byFraction) {
    if (left === 0) break;
    allocated[zone]++;
    left--;
  }
  if (allocated.some((n) => n === 0)) return undefined;
  if (allocated.some((n, zone) => expected[zone] / n - 1 >= HINTS_OVERLOAD_THRESHOLD)) return undefined;
  const hint = new Array<number>(count).fill(-1);
  const room = [...allocated];
  endpointZones.forEach((zone, endpoint) => {
    if (zone >= 0 && room[zone] > 0) {
      hint[endpoint] = zone;
      room[zone]--;
    }
  });
  let short = 0;
  hint.forEach((zone, endpoint) => {
    if (zone >= 0) return;
    while (room[short] === 0) short++;
    hint[endpoint] = short;
    room[short]--;
  });
  return hint;
}

// --- internal ---

const AFFINITY_PREFERENCE: Record<ClusterAffinity, number> = { local: CLUSTER_LOCAL_FIRST, remote: CLUSTER_REMOTE_FIRST, none: CLUSTER_ALL };

function fillRows(table: PreferredReplicas, tables: LocalityTables, service: number, pods: Int32Array, zoneOfReplica: readonly number[]): void {
  for (let zone = 0; zone < tables.zoneCount; zone++) {
    const local: number[] = [];
    const remote: number[] = [];
    pods.forEach((_, replica) => (zoneOfReplica[replica] === zone ? local : remote).push(replica));
    const key = zone * tables.serviceCount + service;
    table.local[key] = Int32Array.from(local);
    table.remote[key] = Int32Array.from(remote);
    table.localPods[key] = Int32Array.from(local, (replica) => pods[replica]);
  }
}

/**
 * Replicas per (zone, service) in the zone's cluster and in the others, and those in the zone's
 * region outside the zone; and which pods keep to their cluster first: every caller outside the mesh
 * (a Service's endpoints are its own cluster's, kube-proxy), and the mesh's callers when its mode says
 * local-first. Nothing with one cluster.
 */
function clusterTables(
  clusters: ClusterSet | undefined,
  zoneCount: number,
  servicePods: readonly Int32Array[],
  ownZones: readonly number[][],
  podMeshed: Uint8Array,
  endpoints: "all" | "local-first",
): Pick<LocalityTables, "sameCluster" | "sameRegion" | "podClusterFirst"> {
  if (!clusters) return {};
  const clusterOf = clusters.zoneCluster;
  const regionOf = (zone: number) => clusters.regions[clusterOf[zone]];
  const sameCluster: PreferredReplicas & { remotePods: Int32Array[] } = { local: [], remote: [], localPods: [], remotePods: [] };
  const sameRegion: Int32Array[] = [];
  for (let zone = 0; zone < zoneCount; zone++) {
    servicePods.forEach((pods, service) => {
      const local: number[] = [];
      const remote: number[] = [];
      const nearby: number[] = [];
      pods.forEach((_, replica) => {
        const own = ownZones[service][replica];
        (own >= 0 && clusterOf[own] === clusterOf[zone] ? local : remote).push(replica);
        if (own >= 0 && own !== zone && regionOf(own) === regionOf(zone)) nearby.push(replica);
      });
      sameCluster.local.push(Int32Array.from(local));
      sameCluster.remote.push(Int32Array.from(remote));
      sameCluster.localPods.push(Int32Array.from(local, (replica) => pods[replica]));
      sameCluster.remotePods.push(Int32Array.from(remote, (replica) => pods[replica]));
      sameRegion.push(Int32Array.from(nearby));
    });
  }
  const meshFirst = endpoints === "local-first" ? 1 : 0;
  return { sameCluster, sameRegion, podClusterFirst: Uint8Array.from(podMeshed, (meshed) => (meshed === 1 ? meshFirst : 1)) };
}
