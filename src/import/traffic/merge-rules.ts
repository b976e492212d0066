/**
 * Combines the parts the converters produced into one RawTrafficRule per host: the routes of
 * the host's route resource (HTTPRoute, TrafficSplit or VirtualService) and the policies of its
 * DestinationRule, wherever in the files they were. Subset policies are merged where the routes
 * send calls to the subset.
 */

import type { ManifestReader } from "./_manifest-reader.js";
import { backendsFor, type ImportContext, type Policy, type PolicyKey, type PolicyPart, type RoutePart } from "./_rule-parts.js";
import type { RawRoute, RawTrafficRule } from "../../scenario/index.js";

/** The merged rules, and the DestinationRules that came to nothing, as "file: DestinationRule x (why)". */
export interface MergedRules {
  rules: RawTrafficRule[];
  skipped: string[];
}

/**
 * Merges parts, in the order their hosts first appear. A DestinationRule that no route uses and
 * that sets no policy (subsets alone, as Istio's bookinfo samples ship them) makes no rule.
 * @throws ScenarioError when two route resources route one host, two DestinationRules cover
 *   one host, or the routes send calls of one rule to subsets whose policies differ
 * @example mergeRules([virtualService, destinationRule], context).rules[0].loadBalancer // "least-request"
 */
export function mergeRules(parts: ReadonlyArray<RoutePart | PolicyPart>, context: ImportContext): MergedRules {
  const byHost = new Map<string, { route?: RoutePart; policy?: PolicyPart }>();
  for (const part of parts) {
    const entry = byHost.get(part.host) ?? {};
    byHost.set(part.host, entry);
    if (isRoutePart(part)) {
      if (entry.route) {
        part.reader.fail(part.hostPath, `routes calls to ${part.host}, as ${entry.route.reader.citation()} does; merge them into one route resource per host`);
      }
      entry.route = part;
    } else {
      if (entry.policy) {
        const kind = part.reader.manifest.kind === entry.policy.reader.manifest.kind ? part.reader.manifest.kind : "policy resource";
        part.reader.fail(part.hostPath, `sets policies for ${part.host}, as ${entry.policy.reader.citation()} does; merge them into one ${kind} per host`);
      }
      entry.policy = part;
    }
  }
  const routeParts = parts.filter(isRoutePart);
  const merged: MergedRules = { rules: [], skipped: [] };
  for (const [host, { route, policy }] of byHost) {
    const policyOfRule = policy ? choosePolicy(host, policy, route, routeParts) : {};
    if (!route && POLICY_KEYS.every((key) => policyOfRule[key] === undefined)) {
      // A policy resource without subsets (Kuma's, Consul's) says in its notes why it sets nothing.
      const notes = [...policy!.reader.notes, ...POLICY_KEYS.flatMap((key) => policyOfRule[key]?.notes ?? [])];
      const why = policy!.subsets.some((subset) => subset.policy)
        ? "only subset policies, which apply to routed calls, and no imported route uses its subsets"
        : policy!.reader.manifest.kind !== "DestinationRule" && notes.length > 0
          ? [...new Set(notes)].join("; ")
          : "no policy, and no imported route uses its subsets";
      merged.skipped.push(`${policy!.reader.source} (${why})`);
      continue;
    }
    const routes: RawRoute[] = route ? route.routes : [{ backends: backendsFor(policy!.reader, policy!.hostPath, host, undefined, context) }];
    // One resource may give both parts (a Consul ServiceResolver's timeout and load balancer).
    const readers = [...new Set([...(route?.readers ?? [route?.reader]), ...(policy?.readers ?? [policy?.reader])])].filter((reader): reader is ManifestReader => reader !== undefined);
    const ignored = readers.flatMap((reader) => (readers.length > 1 ? reader.ignored.map((field) => `${reader.describe()}: ${field}`) : reader.ignored));
    const summed = routes.map((route, index) => sumRepeatedBackends(route, `routes[${index}]`));
    const notes = [...readers.flatMap((reader) => reader.notes), ...POLICY_KEYS.flatMap((key) => policyOfRule[key]?.notes ?? []), ...summed.flatMap((entry) => entry.notes)];
    const rule: RawTrafficRule = { host, routes: summed.map((entry) => entry.route) };
    for (const key of POLICY_KEYS) {
      const value = policyOfRule[key]?.value;
      if (value !== undefined) (rule as unknown as Record<PolicyKey, unknown>)[key] = structuredClone(value);
    }
    rule.source = readers.map((reader) => reader.source).join(" + ");
    if (ignored.length > 0) rule.ignored = [...new Set(ignored)];
    if (notes.length > 0) rule.note = [...new Set(notes)].join("; ");
    merged.rules.push(rule);
  }
  return merged;
}

// --- internal ---

/**
 * The route with each service once: a resource may name one twice (an Istio route to a Service and
 * to one of its subsets, an HTTPRoute listing a backendRef twice), and the meshes then split calls
 * by the entries' weights, so the service's share is their sum; a scenario lists each backend once.
 */
function sumRepeatedBackends(route: RawRoute, where: string): { route: RawRoute; notes: string[] } {
  const weights = new Map<string, number>();
  const repeated = new Set<string>();
  for (const backend of route.backends) {
    const earlier = weights.get(backend.service);
    if (earlier !== undefined) repeated.add(backend.service);
    weights.set(backend.service, (earlier ?? 0) + (backend.weight ?? 1));
  }
  const copy = structuredClone(route);
  if (repeated.size > 0) copy.backends = [...weights].map(([service, weight]) => ({ service, weight }));
  return { route: copy, notes: [...repeated].map((service) => `${service} named twice in ${where}, as one backend of their summed weight (${weights.get(service)})`) };
}

const POLICY_KEYS: readonly PolicyKey[] = ["loadBalancer", "circuitBreaker", "outlierDetection", "retryBudget", "localityLoadBalancing"];

function isRoutePart(part: RoutePart | PolicyPart): part is RoutePart {
  return "routes" in part;
}

/**
 * The one policy calls to `host` get: the top-level one, each routed subset's own sections
 * replacing whole top-level sections (as Istio merges them). Unrouted subset policies are listed
 * as ignored, because Istio applies them only to calls a route sends to the subset.
 */
function choosePolicy(host: string, policy: PolicyPart, route: RoutePart | undefined, routeParts: readonly RoutePart[]): Policy {
  const candidates: Array<{ label: string; policy: Policy; path: ReadonlyArray<string | number> }> = [];
  const sendsToHost = !route || route.wholeHosts.includes(host) || !route.subsets.some((ref) => ref.host === host);
  if (sendsToHost) candidates.push({ label: "the host's own policy", policy: policy.policy, path: ["spec", "trafficPolicy"] });
  for (const subset of policy.subsets) {
    const references = routeParts.flatMap((part) => part.subsets.filter((ref) => ref.host === host && ref.subset === subset.name).map(() => part));
    const fromElsewhere = references.find((part) => part.host !== host);
    if (subset.policy && fromElsewhere) {
      policy.reader.fail(
        [...subset.path, "trafficPolicy"],
        `applies to calls ${fromElsewhere.reader.citation()} routes from ${fromElsewhere.host} to subset ${subset.name}, while a traffic rule's policies apply to its own host (${host}) only`,
      );
    }
    if (references.length === 0) {
      if (subset.policy) policy.reader.ignore([...subset.path, "trafficPolicy"], `no route sends calls to subset ${subset.name}, and Istio applies subset policies to routed calls only`);
      continue;
    }
    candidates.push({ label: `subset ${subset.name}`, policy: { ...policy.policy, ...subset.policy }, path: [...subset.path, "trafficPolicy"] });
  }
  const first = candidates[0];
  const differing = candidates.find((candidate) => !samePolicy(candidate.policy, first.policy));
  if (differing) {
    policy.reader.fail(
      differing.path,
      `gives calls to ${host} a different policy (${differing.label}) than ${first.label}, and ${route!.reader.citation()} routes calls to both; a traffic rule has one policy per host`,
    );
  }
  return first.policy;
}

function samePolicy(a: Policy, b: Policy): boolean {
  return POLICY_KEYS.every((key) => JSON.stringify(a[key]?.value) === JSON.stringify(b[key]?.value));
}
