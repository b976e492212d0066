/**
 * What the converters hand to merge-rules.ts: the routes one route resource gives a host, and
 * the policies one DestinationRule gives it, each with the reader that knows its file and fields.
 */

import type { ManifestReader } from "./_manifest-reader.js";
import type { FieldPath } from "./read-manifests.js";
import type { RawBackend, RawRoute, RawTrafficRule } from "../../scenario/index.js";
import type { MappedRetryOn } from "./retry-conditions.js";
import { parseGatewayDuration, parseGoDuration } from "./durations.js";
import { servicesOfApp, type ScenarioService } from "./subset-services.js";
import { suggest } from "../../scenario/index.js";

/** The routes of one route resource (HTTPRoute, TrafficSplit, VirtualService) for one host. */
export interface RoutePart {
  host: string;
  /** The field naming the host, for errors about two resources routing one host. */
  hostPath: FieldPath;
  reader: ManifestReader;
  /** Every resource that gave the part, `reader` first, when several did (Kuma's policies). */
  readers?: ManifestReader[];
  routes: RawRoute[];
  /** DestinationRule subsets the routes send calls to. */
  subsets: Array<{ host: string; subset: string; path: FieldPath }>;
  /** Hosts the routes send calls to without naming a subset. */
  wholeHosts: string[];
}

export type PolicyKey = "loadBalancer" | "circuitBreaker" | "outlierDetection" | "retryBudget" | "localityLoadBalancing";

/**
 * A trafficPolicy read into rule fields. A key is present when the manifest has the section
 * (even when it comes to nothing, like outlier detection turned off), because a subset's
 * section replaces the whole of the top-level one, as Istio merges them.
 */
export type Policy = { [K in PolicyKey]?: { value?: RawTrafficRule[K]; notes: string[] } };

export interface SubsetPart {
  name: string;
  labels: Record<string, string>;
  path: FieldPath;
  /** The subset's own trafficPolicy, when it has one. */
  policy?: Policy;
}

/** The policies of one DestinationRule. */
export interface PolicyPart {
  host: string;
  hostPath: FieldPath;
  reader: ManifestReader;
  /** Every resource that gave the part, `reader` first, when several did (Kuma's policies). */
  readers?: ManifestReader[];
  policy: Policy;
  subsets: SubsetPart[];
}

/** What a converter gives for one resource: its parts, or why it sets no rule ("file: Kind name (why)"). */
export interface ConvertedResource<Part extends RoutePart | PolicyPart = RoutePart | PolicyPart> {
  parts: Part[];
  skipped?: string;
}

/** What every converter may look up. */
export interface ImportContext {
  services: readonly ScenarioService[];
  serviceNames: ReadonlySet<string>;
  /** The imported DestinationRule for a host, if any. */
  destinationRule(host: string): PolicyPart | undefined;
}

/**
 * The backends a route destination naming `name` stands for: the service of that name, or, when
 * the scenario has none, the services whose `labels.app` is `name` (sharing `weight` evenly, with
 * a note), as a Kubernetes Service selecting `app: name` would spread calls over them.
 * @throws ScenarioError naming `path` when neither exists
 */
export function backendsFor(reader: ManifestReader, path: FieldPath, name: string, weight: number | undefined, context: ImportContext): RawBackend[] {
  if (context.serviceNames.has(name)) return [{ service: name, ...(weight !== undefined ? { weight } : {}) }];
  const members = servicesOfApp(name, context.services);
  if (members.length === 0) {
    const hint = suggest(name, [...context.serviceNames]);
    reader.fail(path, `names ${name}, which is neither a service of the scenario nor the labels.app of one${hint ? ` (did you mean ${hint}?)` : ""}`);
  }
  reader.note(`${name} is not a service of the scenario: its calls are spread evenly over ${members.join(", ")} (labels.app=${name})`);
  if (members.length === 1) return [{ service: members[0], ...(weight !== undefined ? { weight } : {}) }];
  const share = (weight ?? 1) / members.length;
  return members.map((service) => ({ service, weight: share }));
}

/** @throws ScenarioError naming `path` when every backend has weight 0 (explicitly) */
export function requirePositiveWeight(reader: ManifestReader, path: FieldPath, backends: RawBackend[], problem: string): void {
  if (backends.length > 0 && backends.every((backend) => backend.weight === 0)) reader.fail(path, problem);
}

/**
 * Reports how retry conditions were mapped: unknown words stop the import, conditions nothing
 * simulated triggers go to `ignored`, near matches become notes of the route.
 * @throws ScenarioError naming `path` for unknown conditions
 */
export function reportRetryMapping(reader: ManifestReader, path: FieldPath, mapped: MappedRetryOn, routeNotes: string[]): void {
  if (mapped.unknown.length > 0) {
    reader.fail(path, `names ${mapped.unknown.join(", ")}, which ${mapped.unknown.length === 1 ? "is" : "are"} no retry condition (Envoy retry_on names, gRPC status names or HTTP status codes)`);
  }
  for (const { condition, why } of mapped.unsimulated) reader.ignore(path, `${condition}: ${why}`);
  for (const { condition, as, why } of mapped.approximated) routeNotes.push(`retryOn ${condition} taken as ${as}: ${why}`);
}

/**
 * Reads an Istio or Linkerd duration ("2s", "500ms", "1m30s") in ms; null or absent gives undefined.
 * @throws ScenarioError naming `path` when it is no duration
 */
export function readGoDuration(reader: ManifestReader, path: FieldPath, value: unknown): number | undefined {
  const text = reader.optionalString(path, value);
  if (text === undefined) return undefined;
  const ms = parseGoDuration(text);
  if (ms === undefined) reader.fail(path, `must be a duration such as 10s, 500ms or 1m30s, not ${JSON.stringify(text)}`);
  return ms;
}

/**
 * Reads a Gateway API duration ("500ms", "10s", "1m"); null or absent gives undefined.
 * @throws ScenarioError naming `path` when it is no such duration (fractions are not allowed)
 */
export function readGatewayDuration(reader: ManifestReader, path: FieldPath, value: unknown): number | undefined {
  const text = reader.optionalString(path, value);
  if (text === undefined) return undefined;
  const ms = parseGatewayDuration(text);
  if (ms === undefined) reader.fail(path, `must be a Gateway API duration such as 500ms, 10s or 1m (whole numbers, units h, m, s, ms), not ${JSON.stringify(text)}`);
  return ms;
}
