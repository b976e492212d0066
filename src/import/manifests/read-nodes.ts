/**
 * Reads Node objects (`kubectl get nodes -o json`): how many nodes can run the application's pods
 * (control-plane nodes tainted NoSchedule are left out), each one's vCPU and memory, their labels
 * for matching node selectors, and their zones (topology.kubernetes.io/zone).
 */

import { parseQuantity, type Manifest } from "../traffic/index.js";
import { fail, get, isObject, list, stringMap } from "./_objects.js";

export interface ClusterNodes {
  /** Schedulable nodes, by name; by zone, then name, when the nodes span zones (so each zone's nodes are consecutive, as the scenario's cluster.zones lists them). */
  nodes: Array<{ name: string; labels: Record<string, string>; vcpu?: number; memoryGb?: number }>;
  /** The size most nodes have (the scenario has one machine for all). */
  vcpuPerNode?: number;
  memoryGbPerNode?: number;
  /** The zones and their node counts, in name order, when every node has a zone label and they span several. */
  zones?: Array<{ name: string; nodes: number }>;
  /** Nodes of another size, and tainted nodes left out. */
  notImported: string[];
  notices: string[];
}

/**
 * @throws ScenarioError naming the Node and field for an unreadable capacity
 * @example readNodes(manifests).nodes.length // 3
 */
export function readNodes(manifests: readonly Manifest[]): ClusterNodes {
  const result: ClusterNodes = { nodes: [], notImported: [], notices: [] };
  const sorted = [...manifests].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const node of sorted) {
    const tainted = list(node, ["spec", "taints"]).some((taint) => isObject(taint) && taint.effect === "NoSchedule" && String(taint.key).startsWith("node-role.kubernetes.io/"));
    if (tainted || get(node, ["spec", "unschedulable"]) === true) {
      result.notices.push(`${node.file}: Node ${node.name} takes no application pods (control-plane taint, or cordoned): not counted`);
      continue;
    }
    const capacity = (resource: "cpu" | "memory"): number | undefined => {
      const value = get(node, ["status", "capacity", resource]);
      if (value === undefined) return undefined;
      const parsed = parseQuantity(value);
      if (parsed === undefined || parsed <= 0) fail(node, ["status", "capacity", resource], `must be a Kubernetes quantity, got ${JSON.stringify(value)}`);
      return parsed;
    };
    const cpu = capacity("cpu");
    const memory = capacity("memory");
    result.nodes.push({
      name: node.name,
      labels: stringMap(node, ["metadata", "labels"]),
      ...(cpu !== undefined ? { vcpu: cpu } : {}),
      ...(memory !== undefined ? { memoryGb: Number((memory / 2 ** 30).toFixed(2)) } : {}),
    });
  }
  const sizes = new Map<string, number>();
  for (const node of result.nodes) if (node.vcpu !== undefined) sizes.set(`${node.vcpu}/${node.memoryGb ?? ""}`, (sizes.get(`${node.vcpu}/${node.memoryGb ?? ""}`) ?? 0) + 1);
  if (sizes.size > 0) {
    const [size] = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0];
    const [vcpu, memoryGb] = size.split("/");
    result.vcpuPerNode = Number(vcpu);
    if (memoryGb !== "") result.memoryGbPerNode = Number(memoryGb);
    const others = result.nodes.filter((node) => node.vcpu !== undefined && `${node.vcpu}/${node.memoryGb ?? ""}` !== size);
    if (others.length > 0) {
      result.notImported.push(`node sizes: ${others.map((node) => `${node.name} (${node.vcpu} vCPU, ${node.memoryGb} GB)`).join(", ")} differ from the ${vcpu} vCPU, ${memoryGb} GB most nodes have; a scenario has one machine for every node`);
    }
  }
  readZones(result);
  return result;
}

// --- internal ---

/** The well-known label the cloud providers' node controllers set (kubernetes.io/docs/reference/labels-annotations-taints). */
const ZONE_LABEL = "topology.kubernetes.io/zone";

function readZones(result: ClusterNodes): void {
  const zoneOf = (node: ClusterNodes["nodes"][number]): string | undefined => node.labels[ZONE_LABEL];
  const names = [...new Set(result.nodes.map(zoneOf).filter((zone): zone is string => zone !== undefined))].sort();
  if (names.length === 0) return;
  const unlabelled = result.nodes.filter((node) => zoneOf(node) === undefined);
  if (unlabelled.length > 0) {
    result.notImported.push(`zones: ${unlabelled.map((node) => node.name).join(", ")} carry no ${ZONE_LABEL} label while other nodes do; zones are not imported, so every node is one network apart`);
    return;
  }
  if (names.length === 1) {
    result.notices.push(`every node is in zone ${names[0]}: one zone, so the scenario declares none`);
    return;
  }
  // Each zone's nodes consecutive, zones in name order: cluster.zones [{ name, nodes }] numbers them so.
  result.nodes.sort((a, b) => names.indexOf(zoneOf(a)!) - names.indexOf(zoneOf(b)!) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  result.zones = names.map((name) => ({ name, nodes: result.nodes.filter((node) => zoneOf(node) === name).length }));
}
