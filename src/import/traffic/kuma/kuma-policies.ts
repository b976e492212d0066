/**
 * Kuma's traffic policies (kuma.io v1alpha1) the importer reads, each by its own converter, and
 * their combination into one rule per service (combine-kuma-policies.ts).
 */

import type { ConvertedKumaPolicy } from "./_kuma-policy-reader.js";
import type { ImportContext, PolicyPart, RoutePart } from "../_rule-parts.js";
import { combineKumaPolicies, type KumaEntry } from "./combine-kuma-policies.js";
import { fromMeshCircuitBreaker } from "./from-mesh-circuit-breaker.js";
import { fromMeshFaultInjection } from "./from-mesh-fault-injection.js";
import { fromMeshHttpRoute } from "./from-mesh-http-route.js";
import { fromMeshLoadBalancingStrategy } from "./from-mesh-load-balancing-strategy.js";
import { completeKumaRetries, fromMeshRetry } from "./from-mesh-retry.js";
import { fromMeshTimeout } from "./from-mesh-timeout.js";
import type { Manifest } from "../read-manifests.js";

/** The Kuma kinds converted, each with its converter. */
export const KUMA_POLICY_CONVERTERS: Readonly<Record<string, (manifest: Manifest, context: ImportContext) => ConvertedKumaPolicy>> = {
  MeshHTTPRoute: fromMeshHttpRoute,
  MeshRetry: fromMeshRetry,
  MeshTimeout: fromMeshTimeout,
  MeshFaultInjection: fromMeshFaultInjection,
  MeshCircuitBreaker: fromMeshCircuitBreaker,
  MeshLoadBalancingStrategy: fromMeshLoadBalancingStrategy,
};

/**
 * Converts Kuma policies and combines them, service by service.
 * @throws ScenarioError as the converters and combineKumaPolicies do
 * @example importKumaPolicies([meshRetry, meshTimeout], context).parts[0].host // "httpbin"
 */
export function importKumaPolicies(manifests: readonly Manifest[], context: ImportContext): { parts: Array<RoutePart | PolicyPart>; skipped: string[] } {
  const entries: KumaEntry[] = [];
  const skipped: string[] = [];
  for (const manifest of manifests) {
    const converted = KUMA_POLICY_CONVERTERS[manifest.kind](manifest, context);
    entries.push(...converted.entries);
    if (converted.skipped) skipped.push(converted.skipped);
  }
  const combined = combineKumaPolicies(entries, context, completeKumaRetries);
  return { parts: combined.parts, skipped: [...skipped, ...combined.skipped] };
}
