/**
 * The zone parts of a scenario: `cluster.zones` (a count, names, or names with their nodes) and each
 * service's `zones` (replicas per zone), checked against each other and against `cluster.nodes`.
 */

import { DEFAULT_CROSS_ZONE_RTT_MS, defaultZoneName, zoneOfNodes, type ClusterZones } from "../cluster/index.js";
import { resolveClusters } from "./resolve-clusters.js";
import type { RawScenario, RawService } from "./raw-scenario.js";
import { suggest } from "./validate-document.js";
import { MAX_NODES } from "./value-limits.js";
import type { Fail } from "./_fail.js";
import { checkUniqueZoneNames } from "./_check-unique-zone-names.js";

/**
 * The cluster's node count and zones (undefined without `cluster.zones`); with `clusters`, every
 * cluster's nodes and zones, flattened (resolve-clusters.ts).
 * @throws ScenarioError (through `fail`) naming cluster.zones or cluster.nodes when they disagree
 */
export function resolveClusterZones(raw: RawScenario, fail: Fail): { nodes: number; zones?: ClusterZones } {
  if (raw.clusters !== undefined) return resolveClusters(raw, fail);
  const cluster = raw.cluster ?? {};
  const declared = cluster.zones;
  if (declared === undefined) return { nodes: cluster.nodes ?? 3 };
  const network = cluster.network ?? {};
  const links = {
    crossZoneRttMs: network.crossZoneRttMs ?? DEFAULT_CROSS_ZONE_RTT_MS,
    crossZoneBandwidthGbps: network.crossZoneBandwidthGbps ?? network.bandwidthGbps ?? 10,
  };
  if (typeof declared === "number" || (declared.length > 0 && typeof declared[0] === "string")) {
    const names = typeof declared === "number" ? Array.from({ length: declared }, (_, i) => defaultZoneName(i)) : (declared as string[]);
    checkUniqueZoneNames(names, "cluster.zones", fail);
    const nodes = cluster.nodes ?? Math.max(3, names.length);
    if (names.length > nodes) fail("cluster.zones", `has ${names.length} zones but cluster.nodes is ${nodes}: every zone needs at least one node`);
    return { nodes, zones: { names: [...names], nodeZone: zoneOfNodes(nodes, names.length), ...links } };
  }
  const listed = declared as Array<{ name: string; nodes: number }>;
  const seen = new Map<string, number>();
  listed.forEach((zone, index) => {
    const first = seen.get(zone.name);
    if (first !== undefined) fail(`cluster.zones[${index}].name`, `must be unique, but cluster.zones[${first}] is also named ${zone.name}`);
    seen.set(zone.name, index);
  });
  const total = listed.reduce((sum, zone) => sum + zone.nodes, 0);
  if (total > MAX_NODES) fail("cluster.zones", `lists ${total} nodes in all; at most ${MAX_NODES} fit`);
  if (cluster.nodes !== undefined && cluster.nodes !== total) {
    fail("cluster.nodes", `is ${cluster.nodes} but cluster.zones lists ${total} nodes; give one or make them agree`);
  }
  const perZone = listed.map((zone) => zone.nodes);
  return { nodes: total, zones: { names: listed.map((zone) => zone.name), nodeZone: zoneOfNodes(total, listed.length, perZone), ...links } };
}

/**
 * A service's replicas per zone index from its `zones` map; undefined when it gives none.
 * @throws ScenarioError naming services[i].zones for an unknown zone, a clash with nodes or replicas,
 *   or services[i].clusters in a scenario of one cluster
 */
export function resolveServiceZones(raw: RawService, field: string, zones: ClusterZones | undefined, fail: Fail): number[] | undefined {
  // Only called for a scenario of one cluster (resolveServiceClusters serves several).
  if (raw.clusters !== undefined) fail(`${field}.clusters`, "needs clusters: the scenario declares one cluster");
  if (raw.zones === undefined) return undefined;
  if (!zones) return fail(`${field}.zones`, "needs cluster.zones: the cluster declares no zones");
  if (raw.nodes !== undefined) fail(`${field}.zones`, "cannot be given with nodes: give the replicas per zone or the nodes, not both");
  if (raw.external) fail(`${field}.zones`, "cannot be given for an external service: it runs outside the cluster");
  const perZone = new Array<number>(zones.names.length).fill(0);
  for (const [name, count] of Object.entries(raw.zones)) {
    const zone = zones.names.indexOf(name);
    if (zone < 0) {
      const hint = suggest(name, zones.names);
      fail(`${field}.zones.${name}`, `names no zone of cluster.zones (${zones.names.join(", ")})${hint ? `; did you mean ${hint}?` : ""}`);
    }
    perZone[zone] = count;
  }
  const total = perZone.reduce((sum, count) => sum + count, 0);
  if (total === 0) fail(`${field}.zones`, "places no replica: give at least one zone a replica");
  if (raw.replicas !== undefined && raw.replicas !== total) fail(`${field}.replicas`, `is ${raw.replicas} but zones places ${total}; give one or make them agree`);
  return perZone;
}
