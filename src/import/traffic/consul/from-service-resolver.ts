/**
 * Consul ServiceResolver (consul.hashicorp.com v1alpha1) to a host's rule: `loadBalancer.policy` as
 * its load balancer, `requestTimeout` as its route's timeout, and `failover` to other datacenters or
 * peers as what the consul profile's multi-cluster modes already do (the caller's cluster first, then
 * the others), noted. Fields from the service resolver reference
 * (developer.hashicorp.com/consul/docs/reference/config-entry/service-resolver) and consul-k8s's
 * CRD (github.com/hashicorp/consul-k8s, control-plane/api/v1alpha1/serviceresolver_types.go).
 */

import { ManifestReader } from "../_manifest-reader.js";
import { backendsFor, readGoDuration, type ConvertedResource, type ImportContext, type PolicyPart, type RoutePart } from "../_rule-parts.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawLoadBalancer } from "../../../scenario/index.js";

/**
 * Converts one ServiceResolver; its metadata.name is the service it resolves.
 * @throws ScenarioError naming the field for what a rule cannot express: redirects, a default
 *   subset, failover to another service or subset, consistent hashing, locality prioritisation
 *   (Consul Enterprise)
 * @example fromServiceResolver(manifest, context).parts[0].host // "api"
 */
export function fromServiceResolver(manifest: Manifest, context: ImportContext, chain: ResolverInChain = {}): ConvertedResource {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const host = reader.string(["metadata", "name"], (manifest.value.metadata as { name?: unknown } | undefined)?.name);
  const hostPath: FieldPath = ["metadata", "name"];
  const spec = reader.optionalObject(["spec"], manifest.value.spec, {
    read: ["loadBalancer", "requestTimeout", "failover", "subsets"],
    ignore: { connectTimeout: "simulated connections succeed or are refused at once" },
    refuse: {
      redirect: "resolves calls to another service or datacenter, which a traffic rule cannot express",
      defaultSubset: "sends calls to one subset (a filter on Consul's catalog), which traffic import does not read",
      prioritizeByLocality: "is Consul Enterprise's locality routing; the consul profile models the open-source edition, which balances over every healthy instance (developer.hashicorp.com/consul/docs/manage-traffic/route-local)",
    },
  }) ?? {};
  const policy: PolicyPart["policy"] = {};
  if (spec.loadBalancer !== undefined && spec.loadBalancer !== null) {
    const balancer = readLoadBalancer(reader, ["spec", "loadBalancer"], spec.loadBalancer);
    policy.loadBalancer = { ...(balancer !== undefined ? { value: balancer } : {}), notes: [] };
  }
  if (spec.subsets !== undefined && spec.subsets !== null && !chain.subsetsUsed) {
    reader.ignore(["spec", "subsets"], "no imported ServiceRouter or ServiceSplitter sends calls to its subsets");
  }
  readFailover(reader, ["spec", "failover"], spec.failover, host);
  // RequestTimeout's default is 15s (the service resolver reference's configuration model), the consul
  // profile's timeoutMs; "0s" is the unset value, so it means that default.
  const timeoutMs = readGoDuration(reader, ["spec", "requestTimeout"], spec.requestTimeout);
  const parts: Array<RoutePart | PolicyPart> = [];
  if (timeoutMs !== undefined && timeoutMs > 0 && chain.frontedBy !== undefined) {
    // hashicorp/consul agent/xds/routes.go: a resolver's timeout applies only when the chain starts at the resolver.
    reader.ignore(["spec", "requestTimeout"], `${chain.frontedBy} is in front of the resolver, and Consul applies a resolver's timeout only to calls no router or splitter handles`);
  } else if (timeoutMs !== undefined && timeoutMs > 0) {
    const backends = backendsFor(reader, hostPath, host, undefined, context);
    parts.push({ host, hostPath, reader, routes: [{ backends, timeoutMs }], subsets: [], wholeHosts: [host] });
  }
  if (policy.loadBalancer?.value !== undefined) parts.push({ host, hostPath, reader, policy, subsets: [] });
  if (parts.length > 0) return { parts };
  const fronted = chain.frontedBy === undefined ? undefined : `calls go through ${chain.frontedBy}, which its subsets serve; it sets no load balancer${timeoutMs ? ", and Consul applies its requestTimeout only to calls no router or splitter handles" : ""}`;
  const why = reader.notes.length > 0 ? reader.notes.join("; ") : (fronted ?? "it sets no load balancer or request timeout");
  return { parts, skipped: `${reader.source} (${why})` };
}

/** How the resolver sits in a Consul discovery chain (consul-chain.ts). */
export interface ResolverInChain {
  /** "ServiceRouter api (routes.yaml)" when a router or splitter of the same service is in front of it. */
  frontedBy?: string;
  /** Whether an imported router or splitter sends calls to one of its subsets. */
  subsetsUsed?: boolean;
}

/** A resolver subset: Consul's filter, and the labels read from it. */
export interface ResolverSubset {
  name: string;
  filter?: string;
  /** `Service.Meta.<key> == <value>` terms joined by `and`, as labels; undefined for other filters. */
  labels?: Record<string, string>;
  path: FieldPath;
}

/**
 * The subsets of a ServiceResolver, by name.
 * @throws ScenarioError naming the field for a malformed subset
 * @example readResolverSubsets(manifest).get("v1")?.labels // { version: "v1" }
 */
export function readResolverSubsets(manifest: Manifest): Map<string, ResolverSubset> {
  const reader = new ManifestReader(manifest);
  const spec = manifest.value.spec as Record<string, unknown> | undefined;
  const given = spec?.subsets;
  const subsets = new Map<string, ResolverSubset>();
  if (given === null || given === undefined) return subsets;
  const entries = reader.object(["spec", "subsets"], given, { accept: Object.keys(given as object) });
  for (const [name, value] of Object.entries(entries)) {
    const path: FieldPath = ["spec", "subsets", name];
    const subset = reader.object(path, value ?? {}, { read: ["filter"], ignore: { onlyPassing: "the simulation's endpoints are the replicas that pass" } });
    const filter = reader.optionalString([...path, "filter"], subset.filter);
    const labels = filter === undefined ? undefined : labelsOfFilter(filter);
    subsets.set(name, { name, ...(filter !== undefined ? { filter } : {}), ...(labels ? { labels } : {}), path });
  }
  return subsets;
}

// --- internal ---

/** "Service.Meta.version == v1" (consul-k8s copies consul.hashicorp.com/service-meta-* annotations into Service.Meta). */
function labelsOfFilter(filter: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const term of filter.split(/\s+and\s+/)) {
    const match = /^\s*Service\.Meta\.([\w./-]+)\s*==\s*(?:"([^"]*)"|([\w./-]+))\s*$/.exec(term);
    if (!match) return undefined;
    labels[match[1]] = match[2] ?? match[3];
  }
  return labels;
}

/**
 * Consul's LoadBalancer.Policy values (the reference's LoadBalancer.Policy); "" (unset) leaves the
 * Envoy cluster's policy alone (hashicorp/consul agent/xds/clusters.go injectLBToCluster), so the
 * profile's default balancer applies.
 */
const LOAD_BALANCERS: Record<string, RawLoadBalancer | undefined> = {
  "": undefined,
  round_robin: "round-robin",
  least_request: "least-request",
  random: "random",
  ring_hash: undefined,
  maglev: undefined,
};

function readLoadBalancer(reader: ManifestReader, path: FieldPath, value: unknown): RawLoadBalancer | undefined {
  const settings = reader.object(path, value, {
    read: ["policy", "hashPolicies"],
    ignore: { leastRequestConfig: "the simulation's least-request compares two replicas, Envoy's default choiceCount" },
    refuse: { ringHashConfig: "configures consistent hashing, which no load balancer of the simulation does" },
  });
  const policy = settings.policy === "" ? "" : (reader.optionalString([...path, "policy"], settings.policy) ?? "");
  if (!Object.hasOwn(LOAD_BALANCERS, policy)) reader.fail([...path, "policy"], `is ${policy}; Consul's are ${Object.keys(LOAD_BALANCERS).filter(Boolean).join(", ")}`);
  if (policy === "ring_hash" || policy === "maglev") reader.fail([...path, "policy"], `is ${policy}: it pins calls to replicas by a hash, which no load balancer of the simulation does`);
  if (reader.list([...path, "hashPolicies"], settings.hashPolicies).length > 0) {
    reader.fail([...path, "hashPolicies"], "pins calls to replicas by a hash, which no load balancer of the simulation does");
  }
  return LOAD_BALANCERS[policy];
}

/**
 * Failover to the same service in other datacenters, peers or a sameness group is the consul
 * profile's multi-cluster failover (its modes keep calls in the caller's cluster and fail over to the
 * others). Failover to another service or subset would need a rule that changes backends on failure.
 * Consul fails over when the primary's instances are unhealthy (its health checks, and Envoy's
 * outlier detection where set); the simulation when no local replica is in the endpoints or healthy.
 */
function readFailover(reader: ManifestReader, path: FieldPath, value: unknown, host: string): void {
  const given = value === null || value === undefined ? {} : reader.object(path, value, { accept: Object.keys(value as object) });
  const places: string[] = [];
  for (const [subset, entry] of Object.entries(given)) {
    const at: FieldPath = [...path, subset];
    const failover = reader.object(at, entry, {
      read: ["service", "serviceSubset", "datacenters", "targets", "samenessGroup"],
      ignore: { namespace: "namespaces are not modelled", policy: "the simulation fails over to every other cluster at once" },
    });
    if (subset !== "*") reader.ignore(at, `failover of subset ${subset}: traffic import does not read Consul subsets`);
    checkSameService(reader, at, failover, host);
    for (const datacenter of reader.list([...at, "datacenters"], failover.datacenters)) places.push(`datacenter ${String(datacenter)}`);
    if (failover.samenessGroup) places.push(`sameness group ${reader.string([...at, "samenessGroup"], failover.samenessGroup)}`);
    reader.list([...at, "targets"], failover.targets).forEach((item, i) => {
      const target = reader.object([...at, "targets", i], item, {
        read: ["service", "serviceSubset", "datacenter", "peer"],
        ignore: { namespace: "namespaces are not modelled", partition: "admin partitions are not modelled" },
      });
      checkSameService(reader, [...at, "targets", i], target, host);
      if (target.datacenter) places.push(`datacenter ${reader.string([...at, "targets", i, "datacenter"], target.datacenter)}`);
      if (target.peer) places.push(`peer ${reader.string([...at, "targets", i, "peer"], target.peer)}`);
    });
  }
  if (places.length === 0) return;
  reader.note(
    `failover of ${host} to ${[...new Set(places)].join(", ")} is the consul multi-cluster modes' own: calls stay in the caller's cluster while a replica there is in the endpoints and not ejected, then go to every other cluster's replicas (not in the listed order)`,
  );
}

function checkSameService(reader: ManifestReader, path: FieldPath, entry: Record<string, unknown>, host: string): void {
  const service = reader.optionalString([...path, "service"], entry.service);
  if (service !== undefined && service !== host) {
    reader.fail([...path, "service"], `fails over to another service (${service}), which changes a call's backend on failure; a traffic rule cannot express that`);
  }
  if (entry.serviceSubset !== undefined && entry.serviceSubset !== null) {
    reader.fail([...path, "serviceSubset"], "fails over to a subset (a filter on Consul's catalog), which traffic import does not read");
  }
}
