/**
 * Consul's discovery chain as traffic rules: a service's ServiceRouter, then its ServiceSplitter,
 * then its ServiceResolver (developer.hashicorp.com/consul/docs/manage-traffic/discovery-chain) give
 * one rule for calls to the service; ServiceDefaults add circuit breakers and outlier detection to
 * the rules of the upstreams they name. The entries depend on each other (a route to a subset needs
 * the resolver that defines it), so they are converted together.
 */

import type { ManifestReader } from "../_manifest-reader.js";
import { backendsFor, requirePositiveWeight, type ConvertedResource, type ImportContext, type Policy, type PolicyPart, type RoutePart } from "../_rule-parts.js";
import { readServiceDefaults, type ReadServiceDefaults } from "./from-service-defaults.js";
import { fromServiceResolver, readResolverSubsets, type ResolverSubset } from "./from-service-resolver.js";
import { readServiceRouter, type ConsulTarget } from "./from-service-router.js";
import { readServiceSplitter, type ReadSplitter } from "./from-service-splitter.js";
import type { Manifest } from "../read-manifests.js";
import type { RawBackend, RawRoute } from "../../../scenario/index.js";
import { formatLabels, serviceForSubset } from "../subset-services.js";

/** The Consul kinds converted here. */
export const CONSUL_CHAIN_KINDS: readonly string[] = ["ServiceRouter", "ServiceSplitter", "ServiceResolver", "ServiceDefaults"];

/**
 * Converts the Consul entries among `manifests` (others are left alone), each to its parts; a
 * service's router and splitter give one route part (the router's), and a service's resolver and the
 * ServiceDefaults naming it as an upstream one policy part (the first one's).
 * @throws ScenarioError naming file, object and field for what a rule cannot express, unknown
 *   subsets and services, and two entries of one kind for one service
 * @example convertConsulEntries(manifests, context).get(router)?.parts[0].host // "api"
 */
export function convertConsulEntries(manifests: readonly Manifest[], context: ImportContext): Map<Manifest, ConvertedResource> {
  const routers = byService(manifests.filter((manifest) => manifest.kind === "ServiceRouter").map(readServiceRouter));
  const splitters = byService(manifests.filter((manifest) => manifest.kind === "ServiceSplitter").map(readServiceSplitter));
  const resolverManifests = new Map<string, Manifest>();
  for (const manifest of manifests.filter((candidate) => candidate.kind === "ServiceResolver")) {
    if (!resolverManifests.has(manifest.name)) resolverManifests.set(manifest.name, manifest);
  }
  const chain = new Chain(splitters, resolverManifests, context);
  const converted = new Map<Manifest, ConvertedResource>();

  for (const [service, router] of routers) {
    const splitter = splitters.get(service);
    const routes: RawRoute[] = router.routes.map((route) => {
      const backends = chain.backends(router.reader, route.target);
      const notes = [...route.notes];
      return {
        ...(route.headers ? { match: { headers: route.headers } } : {}),
        backends,
        ...(route.timeoutMs ? { timeoutMs: route.timeoutMs } : {}),
        ...(route.retries ? { retries: route.retries } : {}),
        ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
      };
    });
    // Consul's compiler ends every router with a catch-all route to the service's splitter or resolver.
    if (routes.every((route) => route.match)) routes.push({ backends: chain.backends(router.reader, { service, path: ["metadata", "name"] }) });
    if (splitter) {
      absorb(router.reader, splitter.reader);
      router.reader.note(`calls no route matches, and routes to ${service} without a subset, are split as ${splitter.reader.citation()} says`);
      converted.set(splitter.reader.manifest, { parts: [] });
    }
    converted.set(router.reader.manifest, { parts: [routePart(router.reader, service, routes)] });
  }
  for (const [service, splitter] of splitters) {
    if (routers.has(service)) continue;
    const backends = chain.backends(splitter.reader, { service, path: ["metadata", "name"] });
    requirePositiveWeight(splitter.reader, ["spec", "splits"], backends, "gives every split weight 0, so no call could be sent anywhere");
    converted.set(splitter.reader.manifest, { parts: [routePart(splitter.reader, service, [{ backends }])] });
  }

  const policies = new Map<string, PolicyPart>();
  for (const [service, manifest] of resolverManifests) {
    const front = routers.get(service)?.reader ?? splitters.get(service)?.reader;
    const resource = fromServiceResolver(manifest, context, { ...(front ? { frontedBy: front.citation() } : {}), subsetsUsed: chain.usedSubsetsOf.has(service) });
    for (const part of resource.parts) if ("policy" in part) policies.set(part.host, part);
    converted.set(manifest, front ? { parts: resource.parts.filter((part) => "policy" in part), ...(resource.skipped ? { skipped: resource.skipped } : {}) } : resource);
  }
  for (const manifest of manifests.filter((candidate) => candidate.kind === "ServiceResolver" && !converted.has(candidate))) {
    // A second resolver for one service: let merge-rules name both.
    converted.set(manifest, fromServiceResolver(manifest, context));
  }
  addUpstreamPolicies(manifests, context, policies, converted);
  return converted;
}

// --- internal ---

/** Where calls to a service or subset go: subsets through the resolver, whole services through their splitter. */
class Chain {
  readonly usedSubsetsOf = new Set<string>();
  readonly #subsets = new Map<string, Map<string, ResolverSubset>>();

  constructor(
    private readonly splitters: ReadonlyMap<string, ReadSplitter>,
    private readonly resolvers: ReadonlyMap<string, Manifest>,
    private readonly context: ImportContext,
  ) {}

  /**
   * The backends `target` stands for: `percent` of the calls (undefined: all, unweighted). A split to
   * another service without a subset goes through that service's splitter too, as Consul's compiler
   * flattens nested splitters; `seen` holds the splitters already followed.
   */
  backends(reader: ManifestReader, target: ConsulTarget, percent?: number, seen: ReadonlySet<string> = new Set()): RawBackend[] {
    const weight = percent === undefined ? {} : { weight: percent };
    if (target.subset !== undefined) return [{ service: this.#subsetService(reader, target), ...weight }];
    const splitter = this.splitters.get(target.service);
    if (splitter && !seen.has(target.service)) {
      const next = new Set([...seen, target.service]);
      return splitter.splits.flatMap((split) => this.backends(splitter.reader, split.target, ((percent ?? 100) * split.weight) / 100, next));
    }
    return backendsFor(reader, target.path, target.service, percent, this.context);
  }

  #subsetService(reader: ManifestReader, target: ConsulTarget): string {
    const resolver = this.resolvers.get(target.service);
    const at = target.subsetPath ?? target.path;
    let subsets = this.#subsets.get(target.service);
    if (resolver && !subsets) {
      subsets = readResolverSubsets(resolver);
      this.#subsets.set(target.service, subsets);
    }
    const defined = subsets?.get(target.subset!);
    if (resolver && !defined) {
      const names = [...(subsets?.keys() ?? [])];
      reader.fail(at, `names subset ${target.subset} of ${target.service}, which ServiceResolver ${target.service} (${resolver.file}) does not define (${names.length > 0 ? `it defines ${names.join(", ")}` : "it defines no subsets"})`);
    }
    const lookup = serviceForSubset(target.service, target.subset!, defined?.labels, this.context.services);
    if ("problem" in lookup) reader.fail(at, `names subset ${target.subset} of ${target.service}${resolver ? "" : " (no imported ServiceResolver defines it)"}, but ${lookup.problem}`);
    this.usedSubsetsOf.add(target.service);
    if (defined?.filter !== undefined) {
      const how = defined.labels ? `its filter's service metadata ${formatLabels(defined.labels)} taken as pod labels` : "its filter names no service metadata, so by name";
      reader.note(`subset ${target.subset} of ${target.service} (filter ${JSON.stringify(defined.filter)}) is service ${lookup.service}: ${how}`);
    }
    return lookup.service;
  }
}

function byService<T extends { service: string; reader: ManifestReader }>(entries: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const entry of entries) {
    const first = map.get(entry.service);
    if (first) entry.reader.fail(["metadata", "name"], `configures ${entry.service}, as ${first.reader.citation()} does; Consul keeps one ${entry.reader.manifest.kind} per service`);
    map.set(entry.service, entry);
  }
  return map;
}

function routePart(reader: ManifestReader, host: string, routes: RawRoute[]): RoutePart {
  return { host, hostPath: ["metadata", "name"], reader, routes, subsets: [], wholeHosts: [] };
}

/** Copies what `from` ignored and noted into `into`, naming `from`, when one rule carries both. */
function absorb(into: ManifestReader, from: ManifestReader): void {
  for (const field of from.ignored) into.ignored.push(`${from.describe()}: ${field}`);
  for (const note of from.notes) into.note(note);
}

/**
 * ServiceDefaults' upstream overrides as policies of the upstreams' rules. Consul sets them on the
 * named service's proxy only; a rule applies to every caller, so each says so in a note, and two
 * services that set different limits on one upstream are refused.
 */
function addUpstreamPolicies(manifests: readonly Manifest[], context: ImportContext, policies: Map<string, PolicyPart>, converted: Map<Manifest, ConvertedResource>): void {
  const defaults: ReadServiceDefaults[] = manifests.filter((manifest) => manifest.kind === "ServiceDefaults").map((manifest) => readServiceDefaults(manifest, context.serviceNames));
  const setBy = new Map<string, Array<{ entry: ReadServiceDefaults; policy: Policy }>>();
  for (const entry of defaults) {
    for (const upstream of entry.upstreams) {
      const earlier = setBy.get(upstream.host) ?? [];
      const differing = earlier.find((other) => JSON.stringify(valuesOf(other.policy)) !== JSON.stringify(valuesOf(upstream.policy)));
      if (differing) {
        entry.reader.fail(upstream.hostPath, `sets other limits on calls to ${upstream.host} than ${differing.entry.reader.citation()} does, while a traffic rule holds one policy per host for every caller`);
      }
      setBy.set(upstream.host, [...earlier, { entry, policy: upstream.policy }]);
      let part = policies.get(upstream.host);
      if (!part) {
        part = { host: upstream.host, hostPath: upstream.hostPath, reader: entry.reader, policy: {}, subsets: [] };
        policies.set(upstream.host, part);
        const own = converted.get(entry.reader.manifest) ?? { parts: [] };
        converted.set(entry.reader.manifest, { parts: [...own.parts, part] });
      } else if (part.reader !== entry.reader && earlier.length === 0) {
        part.reader.note(`circuit breaker and outlier detection from ${entry.reader.citation()}`);
      }
      if (part.reader !== entry.reader) absorb(part.reader, entry.reader);
      Object.assign(part.policy, upstream.policy);
    }
    // Its policies may all have joined another entry's part: it is used, not skipped.
    if (entry.upstreams.length > 0 && !converted.has(entry.reader.manifest)) converted.set(entry.reader.manifest, { parts: [] });
  }
  for (const [host, entries] of setBy) {
    const part = policies.get(host)!;
    const callers = entries.map(({ entry }) => entry.service);
    part.reader.note(`Consul sets these limits on the proxies of ${callers.join(", ")} for their calls to ${host}; the rule applies them to every caller of ${host}`);
  }
  for (const entry of defaults) {
    if (converted.has(entry.reader.manifest)) continue;
    converted.set(entry.reader.manifest, { parts: [], skipped: `${entry.reader.source} (it sets no upstream limits or passive health checks)` });
  }
}

function valuesOf(policy: Policy): unknown {
  return Object.fromEntries(Object.entries(policy).map(([key, section]) => [key, section?.value]));
}
