/**
 * Kuma configures calls to one service through several policies (MeshHTTPRoute, MeshRetry,
 * MeshTimeout, MeshFaultInjection, MeshCircuitBreaker, MeshLoadBalancingStrategy), each possibly
 * both for the whole mesh and for the service. This combines what the Kuma converters read into one
 * route part and one policy part per service, as Kuma merges them: policies for the whole mesh
 * first, then those naming the service, a later one's fields replacing an earlier one's
 * (developer.konghq.com/mesh/policies/about, "Merging configuration").
 */

import type { ManifestReader } from "../_manifest-reader.js";
import { backendsFor, type ImportContext, type Policy, type PolicyKey, type PolicyPart, type RoutePart } from "../_rule-parts.js";
import type { FieldPath } from "../read-manifests.js";
import type { RawFault, RawRetries, RawRoute } from "../../../scenario/index.js";

/** What one Kuma policy sets for calls to one service; absent fields are left to other policies. */
export interface KumaSettings {
  /** MeshHTTPRoute's routes, tried in order. */
  routes?: Pick<RoutePart, "routes" | "subsets" | "wholeHosts">;
  /** MeshRetry's fields as written; `completeRetries` fills the rest once every policy is merged. */
  retries?: Partial<RawRetries>;
  /** The MeshRetry section the retries came from: Kuma's default retryOn differs between http and grpc. */
  retrySection?: "http" | "grpc";
  /** MeshTimeout's request timeout; null turns it off. */
  timeoutMs?: number | null;
  fault?: RawFault;
  policy?: Policy;
  /** Notes for the routes (policy notes travel inside `policy`). */
  notes?: string[];
}

/** One policy's settings for one service. */
export interface KumaEntry {
  host: string;
  hostPath: FieldPath;
  reader: ManifestReader;
  meshWide: boolean;
  settings: KumaSettings;
}

/** The parts for the services Kuma's policies name, and the services they set nothing for. */
export interface CombinedKumaPolicies {
  parts: Array<RoutePart | PolicyPart>;
  skipped: string[];
}

/**
 * Merges the entries of every Kuma policy, service by service, in the order services first appear.
 * `completeRetries` turns the merged MeshRetry fields into a retry policy (Kuma's defaults for the
 * fields no policy sets).
 * @throws ScenarioError when two policies of one kind name a service at the same level (Kuma then
 *   orders them by name, which traffic import does not follow)
 * @example combineKumaPolicies([retryEntry, timeoutEntry], context, complete).parts[0].host // "httpbin"
 */
export function combineKumaPolicies(entries: readonly KumaEntry[], context: ImportContext, completeRetries: (retries: Partial<RawRetries>, notes: string[], section: "http" | "grpc") => RawRetries): CombinedKumaPolicies {
  const byHost = new Map<string, KumaEntry[]>();
  for (const entry of entries) {
    const list = byHost.get(entry.host) ?? [];
    const twin = list.find((other) => other.meshWide === entry.meshWide && other.reader.manifest.kind === entry.reader.manifest.kind && other.reader !== entry.reader);
    if (twin) {
      entry.reader.fail(
        entry.hostPath,
        `configures calls to ${entry.host} as ${twin.reader.citation()} does, both ${entry.meshWide ? "for the whole mesh" : "naming the service"}; Kuma then orders them by name, which traffic import does not follow: merge them into one`,
      );
    }
    list.push(entry);
    byHost.set(entry.host, list);
  }
  const combined: CombinedKumaPolicies = { parts: [], skipped: [] };
  for (const [host, list] of byHost) {
    // Whole-mesh policies first, so that those naming the service replace their fields.
    const ordered = [...list.filter((entry) => entry.meshWide), ...list.filter((entry) => !entry.meshWide)];
    const readers = [...new Set(ordered.map((entry) => entry.reader))];
    const first = ordered.find((entry) => !entry.meshWide) ?? ordered[0];
    const merged = mergeSettings(ordered.map((entry) => entry.settings));
    const notes = [...(merged.notes ?? [])];
    const routeFields: Pick<RawRoute, "timeoutMs" | "retries" | "fault"> = {
      ...(typeof merged.timeoutMs === "number" ? { timeoutMs: merged.timeoutMs } : {}),
      ...(merged.retries ? { retries: completeRetries(merged.retries, notes, merged.retrySection ?? "http") } : {}),
      ...(merged.fault ? { fault: merged.fault } : {}),
    };
    const perTry = routeFields.retries?.perTryTimeoutMs;
    if (perTry !== undefined && routeFields.timeoutMs !== undefined && perTry >= routeFields.timeoutMs) {
      // Kuma's own defaults do this (perTryTimeout 16 s, requestTimeout 15 s): the whole call's deadline
      // comes first, so the per-try one never acts.
      delete routeFields.retries!.perTryTimeoutMs;
      notes.push(`perTryTimeout ${perTry} ms is not shorter than requestTimeout ${routeFields.timeoutMs} ms, so it never acts and is left out`);
    }
    const hasRouteFields = Object.keys(routeFields).length > 0;
    if (merged.routes || hasRouteFields) {
      const base = merged.routes ?? { routes: [{ backends: backendsFor(first.reader, first.hostPath, host, undefined, context) }], subsets: [], wholeHosts: [host] };
      const routes = base.routes.map((route) => withNote({ ...structuredClone(route), ...structuredClone(routeFields) }, notes));
      combined.parts.push({ host, hostPath: first.hostPath, reader: first.reader, readers, routes, subsets: base.subsets, wholeHosts: base.wholeHosts });
    }
    if (merged.policy && Object.keys(merged.policy).length > 0) {
      combined.parts.push({ host, hostPath: first.hostPath, reader: first.reader, readers, policy: merged.policy, subsets: [] });
    } else if (!merged.routes && !hasRouteFields) {
      const why = [...new Set([...notes, ...readers.flatMap((reader) => reader.notes)])];
      combined.skipped.push(`${readers.map((reader) => reader.source).join(" + ")} (${why.length > 0 ? why.join("; ") : `sets nothing for calls to ${host}`})`);
    }
  }
  return combined;
}

// --- internal ---

const OBJECT_POLICY_KEYS: readonly PolicyKey[] = ["circuitBreaker", "outlierDetection"];

/** Later settings replace earlier ones field by field, as Kuma merges policies' `default`s. */
function mergeSettings(list: readonly KumaSettings[]): KumaSettings {
  const merged: KumaSettings = {};
  for (const settings of list) {
    if (settings.routes) merged.routes = settings.routes;
    if (settings.retries) merged.retries = { ...merged.retries, ...settings.retries };
    if (settings.retrySection) merged.retrySection = settings.retrySection;
    if (settings.timeoutMs !== undefined) merged.timeoutMs = settings.timeoutMs;
    if (settings.fault) merged.fault = settings.fault;
    if (settings.notes) merged.notes = [...(merged.notes ?? []), ...settings.notes];
    if (settings.policy) merged.policy = mergePolicy(merged.policy ?? {}, settings.policy);
  }
  return merged;
}

function mergePolicy(base: Policy, next: Policy): Policy {
  const merged: Policy = { ...base };
  for (const key of Object.keys(next) as PolicyKey[]) {
    const earlier = base[key];
    const later = next[key]!;
    const objects = OBJECT_POLICY_KEYS.includes(key) && typeof earlier?.value === "object" && typeof later.value === "object";
    const value = objects ? { ...(earlier!.value as object), ...(later.value as object) } : later.value;
    (merged as Record<PolicyKey, unknown>)[key] = { ...(value !== undefined ? { value } : {}), notes: [...(earlier?.notes ?? []), ...later.notes] };
  }
  return merged;
}

function withNote(route: RawRoute, notes: readonly string[]): RawRoute {
  if (notes.length === 0) return route;
  const all = [...new Set([...(route.note ? [route.note] : []), ...notes])];
  return { ...route, note: all.join("; ") };
}
