/**
 * SMI TrafficSplit (split.smi-spec.io v1alpha1 to v1alpha4) to one weighted route: calls to
 * spec.service go to spec.backends by weight. v1alpha1 weights are Kubernetes quantities
 * ("900m"); later versions use integers; both are read in every version. A split the
 * linkerd-failover extension manages is read by linkerd-failover.ts instead.
 */

import { ManifestReader } from "./_manifest-reader.js";
import { backendsFor, requirePositiveWeight, type ConvertedResource, type ImportContext, type RoutePart } from "./_rule-parts.js";
import { shortHostName } from "./host-names.js";
import { convertFailoverSplit, isFailoverSplit, PRIMARY_SERVICE_ANNOTATION } from "./linkerd-failover.js";
import { parseQuantity } from "./quantities.js";
import type { Manifest } from "./read-manifests.js";

/**
 * Converts one TrafficSplit.
 * @throws ScenarioError naming the field for spec.matches (HTTPRouteGroup matches are not read),
 *   malformed weights, unknown backends
 *   (and, for a linkerd-failover split, what convertFailoverSplit refuses)
 * @example fromTrafficSplit(manifest, context).parts[0].routes[0].backends // [{ service: "web-v1", weight: 0.9 }, { service: "web-v2", weight: 0.1 }]
 */
export function fromTrafficSplit(manifest: Manifest, context: ImportContext): ConvertedResource<RoutePart> {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  const annotations = reader.readMetadata([PRIMARY_SERVICE_ANNOTATION]);
  const spec = reader.object(["spec"], manifest.value.spec, { read: ["service", "backends", "matches"] });
  const matches = reader.list(["spec", "matches"], spec.matches);
  if (matches.length > 0) {
    const names = matches.map((match) => (typeof match === "object" && match !== null ? String((match as { name?: unknown }).name) : String(match)));
    reader.fail(
      ["spec", "matches"],
      `limits the split to calls matching ${names.join(", ")} (HTTPRouteGroup), which traffic import does not read; write the header match in the scenario's traffic list`,
    );
  }
  const host = shortHostName(reader.string(["spec", "service"], spec.service), context.serviceNames);
  const entries = reader.list(["spec", "backends"], spec.backends);
  if (entries.length === 0) reader.fail(["spec", "backends"], "is missing: a TrafficSplit without backends sends calls nowhere");
  if (isFailoverSplit(manifest, annotations)) {
    const named = entries.map((entry, i) => {
      const path = ["spec", "backends", i, "service"];
      const backend = reader.object(["spec", "backends", i], entry, { read: ["service", "weight"] });
      return { service: shortHostName(reader.string(path, backend.service), context.serviceNames), path };
    });
    return convertFailoverSplit(reader, host, annotations, named, context);
  }
  const wholeHosts: string[] = [];
  const backends = entries.flatMap((entry, i) => {
    const path = ["spec", "backends", i];
    const backend = reader.object(path, entry, { read: ["service", "weight"] });
    const service = shortHostName(reader.string([...path, "service"], backend.service), context.serviceNames);
    const weight = parseQuantity(backend.weight);
    if (weight === undefined || weight < 0) {
      const given = backend.weight === undefined ? "is missing" : `is ${JSON.stringify(backend.weight)}`;
      reader.fail([...path, "weight"], `${given}; it must be a number or a Kubernetes quantity >= 0 such as 900m`);
    }
    if (!wholeHosts.includes(service)) wholeHosts.push(service);
    return backendsFor(reader, [...path, "service"], service, weight, context);
  });
  requirePositiveWeight(reader, ["spec", "backends"], backends, "gives every backend weight 0, so no call could be sent anywhere");
  const part: RoutePart = { host, hostPath: ["spec", "service"], reader, routes: [{ backends }], subsets: [], wholeHosts };
  return { parts: [part] };
}
