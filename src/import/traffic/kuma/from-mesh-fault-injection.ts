/**
 * Kuma MeshFaultInjection (kuma.io v1alpha1) to the faults of calls to a service: `abort` (status
 * and percentage) and `delay` (value and percentage). Kuma injects them either at the callee's
 * inbound proxy (`targetRef` the callee, `from[]` the callers) or at the callers' outbound proxies
 * (`to[]`). Fields from the policy's API (github.com/kumahq/kuma,
 * pkg/plugins/policies/meshfaultinjection/api/v1alpha1/meshfaultinjection.go) and its reference
 * (developer.konghq.com/mesh/meshfaultinjection).
 */

import { ManifestReader } from "../_manifest-reader.js";
import { readKumaCallers, readKumaDestinations, type KumaDestination } from "./_kuma-target-refs.js";
import { readKumaPolicy, type ConvertedKumaPolicy } from "./_kuma-policy-reader.js";
import { readGoDuration, type ImportContext } from "../_rule-parts.js";
import type { KumaSettings } from "./combine-kuma-policies.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawFault } from "../../../scenario/index.js";

/**
 * Converts one MeshFaultInjection into an entry per service whose calls it faults.
 * @throws ScenarioError naming the field for what a rule cannot express: faults for some callers
 *   only, several aborts or delays in a row (Kuma chains their percentages), bandwidth limits,
 *   abort statuses below 400
 * @example fromMeshFaultInjection(manifest, context).entries[0].settings.fault // { abort: { percent: 50, status: 500 } }
 */
export function fromMeshFaultInjection(manifest: Manifest, context: ImportContext): ConvertedKumaPolicy {
  const spec = manifest.value.spec as Record<string, unknown> | undefined;
  const inbound = spec && typeof spec === "object" && ((spec.from ?? null) !== null || (spec.rules ?? null) !== null);
  if (!inbound) return readKumaPolicy(manifest, context, { readConf });
  return readInboundFaults(manifest, context);
}

// --- internal ---

/** `targetRef` names the callees; `from[]` (or `rules[]`) the callers, which must be every one. */
function readInboundFaults(manifest: Manifest, context: ImportContext): ConvertedKumaPolicy {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const spec = reader.object(["spec"], manifest.value.spec, { read: ["targetRef", "from", "rules"], refuse: { to: "mixes faults at the callers (to) and at the callee (from); write one policy each" } });
  const destinations = readCallees(reader, ["spec", "targetRef"], spec.targetRef, context);
  const key = spec.from !== undefined && spec.from !== null ? "from" : "rules";
  if (spec.from && spec.rules) reader.fail(["spec", "rules"], "is given beside spec.from; write one policy each");
  const items = reader.list(["spec", key], spec[key]);
  if (items.length !== 1) reader.fail(["spec", key], `has ${items.length} entries; traffic import reads one, for every caller (targetRef kind Mesh)`);
  const path: FieldPath = ["spec", key, 0];
  const item = reader.object(path, items[0], { read: ["targetRef", "default"], refuse: { matches: "limits the faults to some calls, while a rule's faults apply to every call of its route" } });
  if (item.targetRef !== undefined && item.targetRef !== null) {
    readKumaCallers(reader, [...path, "targetRef"], item.targetRef);
  }
  return {
    // Faults act on HTTP calls; a whole-mesh policy leaves TCP services alone.
    entries: destinations.filter((destination) => !destination.tcp).map((destination) => {
      const settings = readConf(reader, [...path, "default"], item.default);
      return { ...destination, reader, settings: { ...settings, notes: [...(settings.notes ?? []), `Kuma injects the faults at ${destination.host}'s inbound proxy; the simulation at the caller's proxy, so an aborted call skips the network and ${destination.host}'s proxy`] } };
    }),
  };
}

/**
 * The callees: a MeshService, the whole mesh (also when absent), or the data plane proxies of one
 * app (`kind: Dataplane` with `labels: { app: <name> }`, as the reference's examples select them),
 * which are the replicas of that service.
 */
function readCallees(reader: ManifestReader, path: FieldPath, value: unknown, context: ImportContext): KumaDestination[] {
  if (value === undefined || value === null) return readKumaDestinations(reader, path, { kind: "Mesh" }, context);
  const kind = typeof value === "object" ? (value as { kind?: unknown }).kind : undefined;
  if (kind !== "Dataplane") return readKumaDestinations(reader, path, value, context);
  const target = reader.object(path, value, { read: ["kind", "labels"], accept: ["mesh", "namespace", "sectionName"], refuse: { name: "names one data plane proxy, a single replica, while a rule covers every replica of a service" } });
  const labels = reader.stringMap([...path, "labels"], target.labels);
  const keys = Object.keys(labels);
  if (keys.length !== 1 || keys[0] !== "app") reader.fail([...path, "labels"], "selects proxies by labels other than app alone, which names no single service");
  return [{ host: labels.app, hostPath: [...path, "labels", "app"], meshWide: false }];
}

function readConf(reader: ManifestReader, path: FieldPath, value: unknown): KumaSettings {
  const conf = reader.optionalObject(path, value, { read: ["http"] });
  const faults = reader.list([...path, "http"], conf?.http);
  const fault: RawFault = {};
  faults.forEach((entry, i) => {
    const at: FieldPath = [...path, "http", i];
    const item = reader.object(at, entry, {
      read: ["abort", "delay"],
      refuse: { responseBandwidth: "limits the bandwidth of answers, which the simulation does not model" },
    });
    const abort = reader.optionalObject([...at, "abort"], item.abort, { read: ["httpStatus", "percentage"] });
    if (abort) {
      if (fault.abort) reader.fail([...at, "abort"], "is a second abort: Kuma applies it to the calls the first one let through, while a rule has one abort");
      const status = reader.number([...at, "abort", "httpStatus"], abort.httpStatus, { minimum: 400, maximum: 599, integer: true });
      fault.abort = { percent: readPercentage(reader, [...at, "abort", "percentage"], abort.percentage), status };
    }
    const delay = reader.optionalObject([...at, "delay"], item.delay, { read: ["value", "percentage"] });
    if (delay) {
      if (fault.delay) reader.fail([...at, "delay"], "is a second delay: Kuma applies it to the calls the first one let through, while a rule has one delay");
      const fixedDelayMs = readGoDuration(reader, [...at, "delay", "value"], delay.value);
      if (fixedDelayMs === undefined) reader.fail([...at, "delay", "value"], "is missing: a delay needs a value");
      fault.delay = { percent: readPercentage(reader, [...at, "delay", "percentage"], delay.percentage), fixedDelayMs };
    }
  });
  return fault.abort || fault.delay ? { fault } : {};
}

/** An int, or a decimal written as a string ("2.5"), from 0 to 100. */
function readPercentage(reader: ManifestReader, path: FieldPath, value: unknown): number {
  const number = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  return reader.number(path, number, { minimum: 0, maximum: 100 });
}
