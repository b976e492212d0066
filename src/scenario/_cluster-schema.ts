/**
 * `cluster` in the scenario schema: the nodes (how many, what machine), the network between them,
 * and the availability zones they stand in; and `clusters`, several of them.
 */

import { machineTypeNames } from "../cluster/index.js";
import { NAME_PATTERN, nonNegativeNumber, positiveInteger, positiveNumber } from "./_schema-atoms.js";
import { MAX_NODES, MIN_BANDWIDTH_GBPS } from "./value-limits.js";

/**
 * A count of zones, their names, or their names with the nodes of each. Every zone needs a node, so
 * neither a count nor a zone's nodes can pass MAX_NODES (the zones are built as arrays of that length).
 */
const ZONE_LISTS = [
  { type: "integer", minimum: 1, maximum: MAX_NODES },
  // uniqueItems for editors; the loader's message names the repeat (validate-document.ts). The
  // object form's names are checked unique by the resolver: uniqueItems compares whole objects.
  { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", pattern: NAME_PATTERN } },
  {
    type: "array",
    minItems: 1,
    items: {
      type: "object",
      required: ["name", "nodes"],
      properties: { name: { type: "string", pattern: NAME_PATTERN }, nodes: { ...positiveInteger, maximum: MAX_NODES } },
      additionalProperties: false,
    },
  },
] as const;

export const cluster = {
  type: "object",
  properties: {
    nodes: { ...positiveInteger, maximum: MAX_NODES, default: 3 },
    machineType: {
      type: "string",
      description:
        `what each node is, which sets vcpuPerNode and memoryGbPerNode: ${machineTypeNames().join(", ")}. Without a machine, nodes have no CPU to share and pods are placed round-robin`,
    },
    vcpuPerNode: {
      ...positiveNumber,
      description: "vCPU of each node, shared by every pod on it; without memoryGbPerNode, memory is 4 GB per vCPU",
    },
    memoryGbPerNode: {
      ...positiveNumber,
      description: "memory of each node, GB (GiB); without vcpuPerNode, 1 vCPU per 4 GB (at least 1)",
    },
    network: {
      type: "object",
      properties: {
        sameNodeRttMs: { ...nonNegativeNumber, default: 0.04 },
        crossNodeRttMs: { ...nonNegativeNumber, default: 0.2 },
        externalRttMs: {
          ...nonNegativeNumber,
          default: 20,
          description: "between a pod and an external service",
        },
        bandwidthGbps: { type: "number", minimum: MIN_BANDWIDTH_GBPS, default: 10 },
        crossZoneRttMs: {
          ...nonNegativeNumber,
          default: 1,
          description: "between nodes in different zones (cluster.zones): AWS zones are under 2 ms apart, usually under 1 ms; Azure documents under about 2 ms (models/SOURCES.md)",
        },
        crossZoneBandwidthGbps: { type: "number", minimum: MIN_BANDWIDTH_GBPS, description: "of a path between zones; default bandwidthGbps (the node's network card bounds both)" },
        crossRegionRttMs: {
          ...nonNegativeNumber,
          default: 60,
          description: "between nodes of clusters in different regions (clusters[].region), unless clusters[].rttMs names the pair: about the two coasts of the United States (models/SOURCES.md, Clusters and regions)",
        },
      },
      additionalProperties: false,
    },
    zones: {
      description:
        "availability zones: a count (zone-a, zone-b, ...), a list of names, or a list of { name, nodes } with the nodes of each zone (then cluster.nodes, if given, must be their sum). Nodes go to the zones in turn; replicas spread over the zones as kube-scheduler's default zone spread does",
      oneOf: ZONE_LISTS,
    },
  },
  additionalProperties: false,
} as const;

/**
 * `clusters`: several clusters joined by the mesh's multi-cluster mode. Nodes' machine and network
 * stay in `cluster` (every cluster has the same machines); each cluster has its nodes and zones.
 */
export const clusters = {
  type: "array",
  minItems: 2,
  description:
    "several clusters joined by the mesh's multi-cluster mode (mesh.multiCluster): each with its region, nodes and zones; cluster (machine, network) applies to all of them. Services say their replicas per cluster (services[].clusters)",
  items: {
    type: "object",
    required: ["name", "region"],
    properties: {
      name: { type: "string", pattern: NAME_PATTERN },
      region: { type: "string", pattern: NAME_PATTERN, description: "the cloud region, e.g. us-east-1: clusters of one region are crossZoneRttMs apart, of two regions crossRegionRttMs (or rttMs)" },
      nodes: { ...positiveInteger, maximum: MAX_NODES, description: "nodes of the cluster; default 3, or the sum of zones' nodes" },
      zones: { description: "the cluster's availability zones, as cluster.zones; default one zone, zone-a", oneOf: ZONE_LISTS },
      rttMs: {
        type: "object",
        additionalProperties: nonNegativeNumber,
        description: "round trip to the nodes of other clusters, ms, by cluster name, e.g. { west: 62 }; a round trip is one figure per pair: either side may give it, both only with the same value",
      },
      failAtS: { ...nonNegativeNumber, description: "the whole cluster fails this many seconds into the measured time: its pods and gateways stop answering, and callers fail over as their mesh's rules say" },
    },
    additionalProperties: false,
  },
} as const;
