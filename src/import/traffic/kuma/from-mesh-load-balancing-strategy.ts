/**
 * Kuma MeshLoadBalancingStrategy (kuma.io v1alpha1) to host policies: each `spec.to[]` entry naming a
 * MeshService (or the whole mesh: every service) gives that service's rule `localityLoadBalancing` (from `localityAwareness`) and
 * `loadBalancer`. Behaviour from the policy's reference (developer.konghq.com/mesh/policies/locality-aware)
 * and Kuma's source (github.com/kumahq/kuma, pkg/plugins/policies/meshloadbalancingstrategy).
 */

import type { ManifestReader } from "../_manifest-reader.js";
import { readKumaPolicy, type ConvertedKumaPolicy } from "./_kuma-policy-reader.js";
import type { ImportContext, Policy } from "../_rule-parts.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawLoadBalancer } from "../../../scenario/index.js";

/**
 * Converts one MeshLoadBalancingStrategy into an entry per service its `to[]` names (every service
 * of the scenario for `kind: Mesh`), to combine with Kuma's other policies.
 * @throws ScenarioError naming the field for what a rule cannot express: a policy for some callers
 *   only (spec.targetRef other than Mesh), destinations other than a MeshService or the whole mesh
 *   (external services, routes), consistent hashing (RingHash, Maglev, hashPolicies)
 * @example fromMeshLoadBalancingStrategy(manifest, context).entries[0].settings.policy?.localityLoadBalancing?.value // true
 */
export function fromMeshLoadBalancingStrategy(manifest: Manifest, context: ImportContext): ConvertedKumaPolicy {
  return readKumaPolicy(manifest, context, { readConf: (reader, path, value, destination) => ({ policy: readConf(reader, path, value, destination.host) }) });
}

// --- internal ---

/**
 * Kuma copies these node labels into each data plane proxy's tags by default (kuma-cp's injector
 * NodeLabelsToCopy: github.com/kumahq/kuma, pkg/config/plugins/runtime/k8s/config.go).
 */
const ZONE_TAG = "topology.kubernetes.io/zone";
const NODE_TAG = "kubernetes.io/hostname";

const LOAD_BALANCERS: Record<string, RawLoadBalancer | undefined> = {
  RoundRobin: "round-robin",
  LeastRequest: "least-request",
  Random: "random",
  RingHash: undefined,
  Maglev: undefined,
};

function readConf(reader: ManifestReader, path: FieldPath, value: unknown, host: string): Policy {
  const conf = reader.optionalObject(path, value, {
    read: ["localityAwareness", "loadBalancer"],
    refuse: { hashPolicies: "pins calls to replicas by a hash, which no load balancer of the simulation does" },
  });
  const policy: Policy = {};
  if (!conf) return policy;
  if (conf.loadBalancer !== undefined && conf.loadBalancer !== null) {
    const notes: string[] = [];
    const balancer = readLoadBalancer(reader, [...path, "loadBalancer"], conf.loadBalancer);
    policy.loadBalancer = { ...(balancer !== undefined ? { value: balancer } : {}), notes };
  }
  if (conf.localityAwareness !== undefined && conf.localityAwareness !== null) {
    const notes: string[] = [];
    const enabled = readLocalityAwareness(reader, [...path, "localityAwareness"], conf.localityAwareness, notes, host);
    // Awareness that prefers no availability zone sets no field: its notes say why (on the rule, or the skipped object).
    if (enabled !== undefined) policy.localityLoadBalancing = { value: enabled, notes };
    else notes.forEach((note) => reader.note(note));
  }
  return policy;
}

function readLoadBalancer(reader: ManifestReader, path: FieldPath, value: unknown): RawLoadBalancer | undefined {
  const settings = reader.object(path, value, {
    read: ["type"],
    ignore: {
      leastRequest: "the simulation's least-request compares two replicas, Envoy's default choiceCount",
      roundRobin: "",
      random: "",
    },
    refuse: {
      ringHash: "pins calls to replicas by a hash, which no load balancer of the simulation does",
      maglev: "pins calls to replicas by a hash, which no load balancer of the simulation does",
    },
  });
  const type = reader.string([...path, "type"], settings.type);
  if (!Object.hasOwn(LOAD_BALANCERS, type)) reader.fail([...path, "type"], `is ${type}; Kuma's are ${Object.keys(LOAD_BALANCERS).join(", ")}`);
  const balancer = LOAD_BALANCERS[type];
  if (balancer === undefined) reader.fail([...path, "type"], `is ${type}: it pins calls to replicas by a hash, which no load balancer of the simulation does`);
  return balancer;
}

/**
 * localityAwareness as the rule's localityLoadBalancing. Kuma's own zones are clusters: by default
 * it keeps calls in the caller's Kuma zone and fails over to the others, which the kuma profile's
 * multi-cluster modes model. Preferring the caller's availability zone within a cluster takes
 * localZone.affinityTags on the zone tag; without it the cluster's replicas share calls evenly
 * (developer.konghq.com/mesh/policies/locality-aware, "Default behaviour", "Configuring
 * LocalityAware Load Balancing for traffic within the same zone").
 */
function readLocalityAwareness(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[], host: string): boolean | undefined {
  const settings = reader.object(path, value, { read: ["disabled", "localZone", "crossZone"] });
  const disabled = reader.optionalBoolean([...path, "disabled"], settings.disabled) ?? false;
  const localZone = reader.optionalObject([...path, "localZone"], settings.localZone, { read: ["affinityTags"] });
  const crossZone = reader.optionalObject([...path, "crossZone"], settings.crossZone, { read: ["failover", "failoverThreshold"] });
  // "If crossZone and/or localZone is defined, they take precedence over disabled" (the reference above).
  if (disabled && !localZone && !crossZone) {
    notes.push(`locality awareness for ${host} is off (localityAwareness.disabled): calls spread over every availability zone; across clusters the scenario's kuma multi-cluster mode still keeps them in the caller's cluster first`);
    return false;
  }
  if (crossZone) readCrossZone(reader, [...path, "crossZone"], crossZone);
  else if (localZone) {
    // Only crossZone.failover admits other Kuma zones' endpoints (locality_aware.go NewEndpoints;
    // the reference's "Route to the local zone instances equally" example: no cross-zone traffic).
    notes.push(`localityAwareness for ${host} sets localZone without crossZone, so Kuma sends no call to other Kuma zones (clusters); the simulation's kuma multi-cluster modes fail over to them once no local replica is healthy`);
  }
  if (!localZone) {
    notes.push(`localityAwareness for ${host} keeps calls in the caller's Kuma zone (cluster), as the kuma multi-cluster modes do; within a cluster it prefers no availability zone without localZone.affinityTags on ${ZONE_TAG}`);
    return undefined;
  }
  return readAffinityTags(reader, [...path, "localZone", "affinityTags"], localZone.affinityTags, notes, host);
}

/**
 * Within the caller's Kuma zone, endpoints sharing the caller's value of an affinity tag form a
 * locality weighted by the tag's weight (default 9 x 10^(n-i-1) for the i-th of n tags), the first
 * matching tag winning; the others keep weight 1 (kumahq/kuma priority.go getLocalLbGroups,
 * locality_aware.go configureLocalZoneEndpointLocality). Envoy then splits calls by locality weight,
 * whereas the simulation keeps every call in the caller's zone while its replicas are healthy.
 */
function readAffinityTags(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[], host: string): boolean | undefined {
  const tags = reader.list(path, value).map((entry, i) => {
    const tag = reader.object([...path, i], entry, { read: ["key", "weight"] });
    const key = reader.string([...path, i, "key"], tag.key);
    const weight = reader.optionalNumber([...path, i, "weight"], tag.weight, { minimum: 0, integer: true });
    return { key, weight, index: i };
  });
  const weighted = tags.map((tag) => ({ ...tag, weight: tag.weight ?? 9 * 10 ** (tags.length - tag.index - 1) }));
  const zone = weighted.find((tag) => tag.key === ZONE_TAG);
  for (const tag of weighted) {
    if (tag.key === ZONE_TAG) continue;
    const why = tag.key === NODE_TAG ? "the simulation prefers no node; it keeps calls in the caller's availability zone" : "the simulation's replicas carry no such tag";
    reader.ignore([...path, tag.index], `affinity on ${tag.key}: ${why}`);
  }
  if (!zone) {
    notes.push(`localityAwareness for ${host} names no ${ZONE_TAG} affinity tag: no availability zone is preferred`);
    return undefined;
  }
  const zoneWeight = weighted.filter((tag) => tag.index <= zone.index).reduce((sum, tag) => sum + tag.weight, 0);
  const share = zoneWeight / (zoneWeight + 1);
  notes.push(
    `Kuma sends ${formatShare(share)} of the calls to ${host} to the caller's availability zone (affinity weight ${zoneWeight} against 1 for the other zones of the cluster) while it is healthy; the simulation sends all of them (Envoy priority levels)`,
  );
  return true;
}

function readCrossZone(reader: ManifestReader, path: FieldPath, crossZone: Record<string, unknown>): void {
  if (reader.list([...path, "failover"], crossZone.failover).length > 0) {
    reader.ignore([...path, "failover"], "failover order between Kuma zones: the simulation fails over to every other cluster at once, as the kuma multi-cluster modes do");
  }
  if (crossZone.failoverThreshold !== undefined && crossZone.failoverThreshold !== null) {
    reader.ignore([...path, "failoverThreshold"], "the simulation fails over to other clusters once no local replica is healthy");
  }
}

function formatShare(share: number): string {
  const percent = share * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(percent >= 99 ? 2 : 1)}%`;
}
