/**
 * `clusters: [...]` and each service's `clusters` (replicas per cluster): every cluster's zones
 * become zones of one flat list named `<cluster>/<zone>`, with the cluster and region of each, so
 * the zone machinery (links, traffic per zone pair, locality) carries several clusters unchanged.
 */

import {
  DEFAULT_CROSS_REGION_RTT_MS,
  DEFAULT_CROSS_ZONE_RTT_MS,
  defaultZoneName,
  replicaZones,
  zoneOfNodes,
  type ClusterSet,
  type ClusterZones,
} from "../cluster/index.js";
import type { Service } from "../mesh/index.js";
import { loadMeshProfile } from "./load-mesh-profile.js";
import { resolveMeshIds } from "./mesh-catalog.js";
import type { RawCluster, RawScenario, RawService } from "./raw-scenario.js";
import type { MultiClusterSettings } from "./scenario.js";
import { suggest } from "./validate-document.js";
import { MAX_NODES } from "./value-limits.js";
import type { Fail } from "./_fail.js";
import { checkUniqueZoneNames } from "./_check-unique-zone-names.js";

/**
 * The nodes of every cluster in declaration order, their zones flattened, and the clusters' set.
 * @throws ScenarioError (through `fail`) naming clusters[i] or the cluster field that clashes with it
 */
export function resolveClusters(raw: RawScenario, fail: Fail): { nodes: number; zones: ClusterZones } {
  const declared = raw.clusters!;
  if (raw.cluster?.zones !== undefined) fail("cluster.zones", "cannot be given with clusters: give each cluster its zones (clusters[i].zones)");
  if (raw.cluster?.nodes !== undefined) fail("cluster.nodes", "cannot be given with clusters: give each cluster its nodes (clusters[i].nodes)");
  const names = declared.map((cluster) => cluster.name);
  declared.forEach((cluster, index) => {
    const first = names.indexOf(cluster.name);
    if (first !== index) fail(`clusters[${index}].name`, `must be unique, but clusters[${first}] is also named ${cluster.name}`);
  });
  const shapes = declared.map((cluster, index) => clusterZones(cluster, `clusters[${index}]`, fail));
  // Checked before the nodes' zones are built: each cluster may hold MAX_NODES, so many clusters could fill memory.
  const totalNodes = shapes.reduce((sum, shape) => sum + shape.nodes, 0);
  if (totalNodes > MAX_NODES) fail("clusters", `have ${totalNodes} nodes in all; at most ${MAX_NODES} fit`);
  const zoneNames: string[] = [];
  const zoneCluster: number[] = [];
  const nodeZone: number[] = [];
  declared.forEach((cluster, index) => {
    const { names: own, nodes, perZone } = shapes[index];
    const first = zoneNames.length;
    own.forEach((zone) => {
      zoneNames.push(`${cluster.name}/${zone}`);
      zoneCluster.push(index);
    });
    nodeZone.push(...zoneOfNodes(nodes, own.length, perZone).map((zone) => first + zone));
  });
  const network = raw.cluster?.network ?? {};
  const clusters: ClusterSet = {
    names,
    regions: declared.map((cluster) => cluster.region),
    zoneCluster,
    rttMs: roundTrips(declared, network.crossRegionRttMs ?? DEFAULT_CROSS_REGION_RTT_MS, fail),
    failAtS: declared.map((cluster) => cluster.failAtS),
  };
  return {
    nodes: nodeZone.length,
    zones: {
      names: zoneNames,
      nodeZone,
      crossZoneRttMs: network.crossZoneRttMs ?? DEFAULT_CROSS_ZONE_RTT_MS,
      crossZoneBandwidthGbps: network.crossZoneBandwidthGbps ?? network.bandwidthGbps ?? 10,
      clusters,
    },
  };
}

/**
 * A service's replicas per zone of the flattened list, from its `clusters` map or, without one,
 * its replicas spread over the clusters in turn and within each over its zones in turn.
 * @throws ScenarioError naming services[i].clusters for an unknown cluster or zone, or a clash with replicas, zones or nodes
 */
export function resolveServiceClusters(raw: RawService, field: string, zones: ClusterZones, fail: Fail): number[] | undefined {
  const clusters = zones.clusters!;
  if (raw.external) {
    if (raw.clusters !== undefined) fail(`${field}.clusters`, "cannot be given for an external service: it runs outside every cluster");
    return undefined;
  }
  if (raw.zones !== undefined) fail(`${field}.zones`, "cannot be given with clusters: give the replicas per cluster and zone in services[].clusters, e.g. { east: { zone-a: 1 } }");
  if (raw.nodes !== undefined && raw.clusters !== undefined) fail(`${field}.clusters`, "cannot be given with nodes: give the replicas per cluster or the nodes, not both");
  if (raw.nodes !== undefined) return undefined;
  const perZone = new Array<number>(zones.names.length).fill(0);
  const zonesOf = clusters.names.map((_, cluster) => clusters.zoneCluster.flatMap((owner, zone) => (owner === cluster ? [zone] : [])));
  const spread = (cluster: number, count: number) => {
    for (let replica = 0; replica < count; replica++) perZone[zonesOf[cluster][replica % zonesOf[cluster].length]]++;
  };
  if (raw.clusters === undefined) {
    const replicas = raw.autoscaling?.maxReplicas ?? raw.replicas ?? 1;
    const count = clusters.names.length;
    clusters.names.forEach((_, cluster) => spread(cluster, Math.floor(replicas / count) + (cluster < replicas % count ? 1 : 0)));
    return perZone;
  }
  for (const [name, given] of Object.entries(raw.clusters)) {
    const cluster = clusters.names.indexOf(name);
    if (cluster < 0) {
      const hint = suggest(name, clusters.names);
      fail(`${field}.clusters.${name}`, `names no cluster of clusters (${clusters.names.join(", ")})${hint ? `; did you mean ${hint}?` : ""}`);
    }
    if (typeof given === "number") {
      spread(cluster, given);
      continue;
    }
    for (const [zoneName, count] of Object.entries(given)) {
      const zone = zones.names.indexOf(`${name}/${zoneName}`);
      if (zone < 0) {
        const own = zonesOf[cluster].map((index) => zones.names[index].slice(name.length + 1));
        const hint = suggest(zoneName, own);
        fail(`${field}.clusters.${name}.${zoneName}`, `names no zone of cluster ${name} (${own.join(", ")})${hint ? `; did you mean ${hint}?` : ""}`);
      }
      perZone[zone] += count;
    }
  }
  const total = perZone.reduce((sum, count) => sum + count, 0);
  if (total === 0) fail(`${field}.clusters`, "places no replica: give at least one cluster a replica");
  if (raw.replicas !== undefined && raw.replicas !== total) fail(`${field}.replicas`, `is ${raw.replicas} but clusters places ${total}; give one or make them agree`);
  return perZone;
}

/**
 * `mesh.multiCluster` with its defaults, each mode keyed by its mesh's profile id (`linkerd` names
 * linkerd2); nothing without `clusters`.
 * @throws ScenarioError naming mesh.multiCluster when it is given without clusters, or the mode's
 *   field for an unknown mesh id, a key naming several meshes or one mesh twice, or a mode its profile does not know
 */
export function resolveMultiCluster(raw: RawScenario, file: string, fail: Fail): { multiCluster?: MultiClusterSettings } {
  const asked = raw.mesh?.multiCluster;
  if (raw.clusters === undefined) {
    if (asked !== undefined) fail("mesh.multiCluster", "needs clusters: the scenario declares one cluster");
    return {};
  }
  const modes = resolveModes(asked?.modes ?? {}, raw.mesh?.overrides ?? {}, file, fail);
  return { multiCluster: { modes, controlPlane: asked?.controlPlane ?? "multi-primary", gatewayReplicas: asked?.gatewayReplicas ?? 1 } };
}

/**
 * A failing cluster (`clusters[i].failAtS`) as outages of every replica placed in it, from the
 * failure to the end of the run (outages count from the start of warm-up). A service placed on listed
 * nodes (`services[].nodes`) fails with the cluster of each replica's node.
 */
export function addClusterFailures(services: Service[], zones: ClusterZones, warmupS: number): void {
  const clusters = zones.clusters!;
  for (const service of services) {
    if (service.external) continue;
    replicaZones(service, zones.nodeZone).forEach((zone, replica) => {
      const failAtS = clusters.failAtS[clusters.zoneCluster[zone]];
      if (failAtS === undefined) return;
      service.failures ??= { errorRate: 0, slowReplicas: [], outages: [] };
      service.failures.outages.push({ replica, startMs: (warmupS + failAtS) * 1000, endMs: Infinity });
    });
  }
}

// --- internal ---

/** A cluster's zone names, nodes, and nodes per zone when listed. */
function clusterZones(cluster: RawCluster, field: string, fail: Fail): { names: string[]; nodes: number; perZone?: number[] } {
  const declared = cluster.zones ?? 1;
  if (typeof declared === "number" || (declared.length > 0 && typeof declared[0] === "string")) {
    const names = typeof declared === "number" ? Array.from({ length: declared }, (_, i) => defaultZoneName(i)) : (declared as string[]);
    checkUniqueZoneNames(names, `${field}.zones`, fail);
    const nodes = cluster.nodes ?? Math.max(3, names.length);
    if (names.length > nodes) fail(`${field}.zones`, `has ${names.length} zones but ${field}.nodes is ${nodes}: every zone needs at least one node`);
    return { names: [...names], nodes };
  }
  const listed = declared as Array<{ name: string; nodes: number }>;
  listed.forEach((zone, index) => {
    const first = listed.findIndex((other) => other.name === zone.name);
    if (first !== index) fail(`${field}.zones[${index}].name`, `must be unique, but ${field}.zones[${first}] is also named ${zone.name}`);
  });
  const perZone = listed.map((zone) => zone.nodes);
  const total = perZone.reduce((sum, n) => sum + n, 0);
  if (cluster.nodes !== undefined && cluster.nodes !== total) fail(`${field}.nodes`, `is ${cluster.nodes} but ${field}.zones lists ${total} nodes; give one or make them agree`);
  return { names: listed.map((zone) => zone.name), nodes: total, perZone };
}

/**
 * Round trips between clusters, per (from * count + to): rttMs where given (either way), else the default.
 * Both sides of a pair may give it only if they agree.
 */
function roundTrips(declared: RawCluster[], defaultMs: number, fail: Fail): number[] {
  const count = declared.length;
  const names = declared.map((cluster) => cluster.name);
  const given = new Array<number | undefined>(count * count).fill(undefined);
  declared.forEach((cluster, from) => {
    for (const [other, ms] of Object.entries(cluster.rttMs ?? {})) {
      const to = names.indexOf(other);
      if (to < 0) {
        const hint = suggest(other, names);
        fail(`clusters[${from}].rttMs.${other}`, `names no cluster of clusters (${names.join(", ")})${hint ? `; did you mean ${hint}?` : ""}`);
      }
      if (to === from) fail(`clusters[${from}].rttMs.${other}`, "names the cluster itself: its nodes' round trips are cluster.network's");
      // Within a region, nodes of two clusters are as far apart as two zones (zoneRttMs): the figure would go unused.
      if (declared[to].region === cluster.region) {
        fail(`clusters[${from}].rttMs.${other}`, `names a cluster of the same region (${cluster.region}): two clusters of one region are cluster.network.crossZoneRttMs apart; rttMs is between regions`);
      }
      given[from * count + to] = ms;
    }
  });
  // A round trip crosses the pair both ways, so it is one figure per pair: each direction's link
  // takes half of its own value (zone-links.ts), and two that differ would give every call their mean.
  for (let later = 0; later < count; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const back = given[later * count + earlier];
      const there = given[earlier * count + later];
      if (back !== undefined && there !== undefined && back !== there) {
        fail(
          `clusters[${later}].rttMs.${names[earlier]}`,
          `is ${back} but clusters[${earlier}].rttMs.${names[later]} is ${there}: a round trip is the same both ways; give it once, or the same value on both sides`,
        );
      }
    }
  }
  return given.map((ms, pair) => ms ?? given[(pair % count) * count + Math.floor(pair / count)] ?? defaultMs);
}

/**
 * The modes by profile id. A mode the profile neither has nor rules out (`refusedModes`) is a typo,
 * refused here naming its field: left to the run's capability check, `--mesh all` would quietly leave
 * that mesh out as unable.
 */
function resolveModes(asked: Record<string, string>, overrides: Record<string, Record<string, unknown>>, file: string, fail: Fail): Record<string, string> {
  const modes: Record<string, string> = {};
  const keyOf: Record<string, string> = {};
  for (const [key, mode] of Object.entries(asked)) {
    const field = `mesh.multiCluster.modes.${key}`;
    const ids = resolveMeshIds([key], { file, field: "mesh.multiCluster.modes" });
    if (ids.length !== 1 || key === "all" || key.includes(",")) fail(field, "must name one mesh (a profile id such as istio), each with its own mode");
    const id = ids[0];
    if (id in modes) fail(field, `names ${id} again (as ${keyOf[id]}): give its mode once`);
    const profile = loadMeshProfile(id, overrides[id] ? { file, values: overrides[id] } : undefined);
    const known = profile.multiCluster ? Object.keys(profile.multiCluster.modes) : [];
    if (profile.multiCluster && !known.includes(mode) && !(mode in (profile.multiCluster.refusedModes ?? {}))) {
      const hint = suggest(mode, known);
      fail(field, `names unknown mode ${mode} of ${id}${hint ? ` (did you mean ${hint}?)` : ""}; its modes are ${known.join(", ")}`);
    }
    modes[id] = mode;
    keyOf[id] = key;
  }
  return modes;
}
