/**
 * A TrafficSplit run by the linkerd-failover extension: its operator gives the primary backend all
 * the weight while the primary has ready endpoints, and shares it among the ready secondaries (the
 * primary's mirrors in other clusters) when it has none (github.com/linkerd/linkerd-failover README,
 * "Failover logic"; linkerd.io/2/tasks/automatic-failover). The weights in the file are only the
 * operator's current state. That is what linkerd2's local-first multi-cluster modes simulate for a
 * service with replicas in several clusters, so the split becomes no rule of its own.
 */

import type { ManifestReader } from "./_manifest-reader.js";
import { backendsFor, type ConvertedResource, type ImportContext, type RoutePart } from "./_rule-parts.js";
import { shortHostName } from "./host-names.js";
import type { FieldPath, Manifest } from "./read-manifests.js";
import { servicesOfApp } from "./subset-services.js";

/** The annotation naming the primary backend. */
export const PRIMARY_SERVICE_ANNOTATION = "failover.linkerd.io/primary-service";

/**
 * Whether the operator manages the split: its default label selector, `failover.linkerd.io/controlled-by`
 * (`app.kubernetes.io/managed-by: linkerd-failover` before 0.1), or the primary-service annotation.
 */
export function isFailoverSplit(manifest: Manifest, annotations: Record<string, string>): boolean {
  const metadata = manifest.value.metadata as { labels?: Record<string, unknown> } | undefined;
  const labels = metadata?.labels ?? {};
  return annotations[PRIMARY_SERVICE_ANNOTATION] !== undefined || typeof labels["failover.linkerd.io/controlled-by"] === "string" || labels["app.kubernetes.io/managed-by"] === "linkerd-failover";
}

/**
 * Converts a failover split whose apex is `host`: no rule when the apex is the primary (linkerd2's
 * multi-cluster mode does the failover), else a route from the apex to the primary.
 * @throws ScenarioError naming the field when the primary is not named or is no backend, or when a
 *   secondary is a service of the scenario (switching weights on readiness is no rule's)
 * @example convertFailoverSplit(reader, "web", annotations, ["spec", "backends"], backends, context).skipped // "split.yaml: TrafficSplit web (...)"
 */
export function convertFailoverSplit(
  reader: ManifestReader,
  host: string,
  annotations: Record<string, string>,
  entries: ReadonlyArray<{ service: string; path: FieldPath }>,
  context: ImportContext,
): ConvertedResource<RoutePart> {
  const annotationPath = ["metadata", "annotations", PRIMARY_SERVICE_ANNOTATION];
  const given = annotations[PRIMARY_SERVICE_ANNOTATION];
  if (given === undefined) reader.fail(["metadata", "annotations"], `has no ${PRIMARY_SERVICE_ANNOTATION}, which linkerd-failover needs to know the primary backend`);
  const primary = shortHostName(given, context.serviceNames);
  if (!entries.some((entry) => entry.service === primary)) {
    reader.fail(annotationPath, `names ${primary}, which is not among spec.backends (${entries.map((entry) => entry.service).join(", ")})`);
  }
  const secondaries = entries.filter((entry) => entry.service !== primary);
  for (const secondary of secondaries) {
    if (context.serviceNames.has(secondary.service) || servicesOfApp(secondary.service, context.services).length > 0) {
      reader.fail(
        secondary.path,
        `names ${secondary.service}, a service of the scenario: linkerd-failover moves calls to it when ${primary} has no ready endpoints, which a traffic rule's fixed weights cannot express; declare ${primary} once with replicas per cluster (services[].clusters), which linkerd2's multi-cluster modes keep in the caller's cluster and fail over`,
      );
    }
  }
  reader.ignore(["spec", "backends"], "weights: linkerd-failover sets them from the backends' readiness");
  const mirrors = secondaries.length > 0 ? secondaries.map((entry) => entry.service).join(", ") : "no other backend";
  const how = `linkerd-failover from ${primary} to ${mirrors} (mirrors in other clusters) is what linkerd2's gateway and flat multi-cluster modes simulate for ${primary} with replicas per cluster (services[].clusters): calls stay in the caller's cluster while ${primary} has ready replicas there, then go to the other clusters'`;
  if (primary === host) return { parts: [], skipped: `${reader.source} (${how})` };
  reader.note(how);
  const backends = backendsFor(reader, annotationPath, primary, undefined, context);
  return { parts: [{ host, hostPath: ["spec", "service"], reader, routes: [{ backends }], subsets: [], wholeHosts: [primary] }] };
}
