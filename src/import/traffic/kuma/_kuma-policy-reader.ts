/**
 * The frame every Kuma outbound policy shares (MeshRetry, MeshTimeout, MeshCircuitBreaker, ...):
 * metadata, a top-level targetRef naming the callers, and `to[]` entries each naming destinations
 * with a `default` configuration. The converters supply only how to read one `default`.
 */

import { ManifestReader } from "../_manifest-reader.js";
import { readKumaCallers, readKumaDestinations, type KumaDestination } from "./_kuma-target-refs.js";
import type { ImportContext } from "../_rule-parts.js";
import type { KumaEntry, KumaSettings } from "./combine-kuma-policies.js";
import type { FieldPath, Manifest } from "../read-manifests.js";

/** What a Kuma converter gives: entries to combine, or why the policy sets nothing. */
export interface ConvertedKumaPolicy {
  entries: KumaEntry[];
  skipped?: string;
}

export interface KumaPolicyShape {
  /** Reads one `to[].default` for one destination. */
  readConf(reader: ManifestReader, path: FieldPath, conf: unknown, destination: KumaDestination): KumaSettings;
  /** Spec keys for inbound configuration (`from`, `rules`), with how to treat them. */
  inbound?: Readonly<Record<string, (reader: ManifestReader, path: FieldPath, value: unknown) => void>>;
  /** Keys of a `to[]` entry besides targetRef and default that `readConf` reads itself (MeshHTTPRoute's rules). */
  toFields?: readonly string[];
}

/**
 * Reads a policy of `shape` into one entry per destination its `to[]` names.
 * @throws ScenarioError naming the field for callers other than the whole mesh, destinations that
 *   are no service, a destination named twice, and whatever `shape.readConf` refuses
 */
export function readKumaPolicy(manifest: Manifest, context: ImportContext, shape: KumaPolicyShape): ConvertedKumaPolicy {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const inbound = shape.inbound ?? {};
  const spec = reader.object(["spec"], manifest.value.spec, { read: ["targetRef", "to", ...Object.keys(inbound)] });
  // With no to[], the top-level targetRef names the callees of inbound configuration instead.
  const outbound = reader.list(["spec", "to"], spec.to).length > 0;
  if (outbound && readKumaCallers(reader, ["spec", "targetRef"], spec.targetRef) === "gateways") {
    return { entries: [], skipped: `${reader.source} (applies to gateways only, which traffic rules do not configure)` };
  }
  for (const [key, read] of Object.entries(inbound)) {
    if (spec[key] !== undefined && spec[key] !== null) read(reader, ["spec", key], spec[key]);
  }
  const entries: KumaEntry[] = [];
  const named = new Set<string>();
  reader.list(["spec", "to"], spec.to).forEach((value, i) => {
    const path: FieldPath = ["spec", "to", i];
    const to = reader.object(path, value, { read: ["targetRef", "default", ...(shape.toFields ?? [])] });
    for (const destination of readKumaDestinations(reader, [...path, "targetRef"], to.targetRef, context)) {
      const key = `${destination.meshWide}:${destination.host}`;
      if (named.has(key)) reader.fail(destination.hostPath, `names ${destination.host} again; write one spec.to entry per service`);
      named.add(key);
      const settings = shape.readConf(reader, [...path, "default"], to.default, destination);
      // Kuma gives a TCP service a policy's tcp section only: a whole-mesh policy's HTTP settings skip it.
      if (destination.tcp) {
        if (!settings.policy) continue;
        entries.push({ ...destination, reader, settings: { policy: settings.policy } });
      } else {
        entries.push({ ...destination, reader, settings });
      }
    }
  });
  if (entries.length === 0 && Object.keys(inbound).every((key) => spec[key] === undefined || spec[key] === null)) {
    reader.fail(["spec", "to"], `is missing: traffic import reads the destinations a ${manifest.kind} names in spec.to`);
  }
  return entries.length > 0 ? { entries } : { entries, skipped: `${reader.source} (${reader.notes.length > 0 ? reader.notes.join("; ") : "no outbound configuration"})` };
}
