/**
 * Jaeger JSON: the UI's "Download results" and the query API (`/api/traces`) both give
 * `{ data: [trace, ...] }`; a trace is `{ traceID, spans, processes }`, a span's service is its
 * process's `serviceName`, times are microseconds, its kind the `span.kind` tag.
 * https://github.com/jaegertracing/jaeger-ui/blob/v1.57.0/packages/jaeger-ui/src/types/trace.tsx
 */

import { at, fail, flatten, hexId, isObject, list, object, optionalText, text, timeMs, type FieldAt } from "./_span-fields.js";
import type { AttributeValue, Span, SpanKind } from "./span.js";

/**
 * The spans of one trace of `data`.
 * @throws ScenarioError naming the file and field of a malformed trace or span
 * @example readJaegerTrace({ file: "t.json", path: "data[0]" }, trace).length
 */
export function readJaegerTrace(where: FieldAt, value: unknown): Span[] {
  const trace = object(where, undefined, value, "a Jaeger trace ({ traceID, spans, processes })");
  const processesAt = at(where, "processes");
  const processes = trace.processes === undefined ? {} : object(processesAt, undefined, trace.processes, "a map of process ids to processes");
  const spansAt = at(where, "spans");
  return list(spansAt, undefined, trace.spans).map((raw, index) => readSpan(at(spansAt, index), raw, processes, processesAt));
}

// --- internal ---

const KINDS: Record<string, SpanKind> = { server: "server", client: "client", producer: "producer", consumer: "consumer", internal: "internal" };

function readSpan(where: FieldAt, value: unknown, processes: Record<string, unknown>, processesAt: FieldAt): Span {
  const raw = object(where, undefined, value, "a Jaeger span");
  const processId = text(where, "processID", raw.processID);
  // A span may carry its process inline (older exports) instead of naming one in `processes`.
  const process = isObject(raw.process) ? raw.process : processes[processId];
  if (!isObject(process)) fail(at(where, "processID"), `names process ${JSON.stringify(processId)}, which ${processesAt.path} does not list`);
  const processTags = readTags(at(processesAt, processId), process.tags);
  const tags = { ...processTags, ...readTags(at(where, "tags"), raw.tags) };
  const parent = readParent(where, raw);
  const startMs = timeMs(where, "startTime", raw.startTime, 1e3, "microseconds");
  const durationMs = timeMs(where, "duration", raw.duration, 1e3, "microseconds");
  const kindTag = typeof tags["span.kind"] === "string" ? tags["span.kind"].toLowerCase() : "internal";
  return {
    traceId: hexId(where, "traceID", raw.traceID),
    spanId: hexId(where, "spanID", raw.spanID),
    ...parent,
    service: text(at(processesAt, processId), "serviceName", process.serviceName),
    name: text(where, "operationName", raw.operationName ?? "(unnamed)"),
    kind: KINDS[kindTag] ?? "internal",
    startMs,
    endMs: startMs + durationMs,
    attributes: tags,
    ...(typeof tags["peer.service"] === "string" ? { remoteService: tags["peer.service"] } : {}),
    source: `${where.file}: ${where.path}`,
  };
}

/** The first CHILD_OF reference (else the first FOLLOWS_FROM, else the legacy `parentSpanID`). */
function readParent(where: FieldAt, raw: Record<string, unknown>): { parentId?: string; followsFrom?: boolean } {
  const referencesAt = at(where, "references");
  const references = list(referencesAt, undefined, raw.references).map((reference, index) => {
    const ref = object(referencesAt, index, reference, "a reference ({ refType, traceID, spanID })");
    return { type: String(ref.refType ?? "CHILD_OF").toUpperCase(), spanId: hexId(at(referencesAt, index), "spanID", ref.spanID) };
  });
  const childOf = references.find((reference) => reference.type === "CHILD_OF");
  if (childOf) return { parentId: childOf.spanId };
  const followsFrom = references.find((reference) => reference.type === "FOLLOWS_FROM");
  if (followsFrom) return { parentId: followsFrom.spanId, followsFrom: true };
  const legacy = optionalText(where, "parentSpanID", raw.parentSpanID);
  return legacy !== undefined && !/^0+$/.test(legacy) ? { parentId: hexId(where, "parentSpanID", legacy) } : {};
}

function readTags(where: FieldAt, value: unknown): Record<string, AttributeValue> {
  const tags: Record<string, AttributeValue> = {};
  list(where, undefined, value).forEach((entry, index) => {
    const tag = object(where, index, entry, "a tag ({ key, type, value })");
    tags[text(at(where, index), "key", tag.key)] = flatten(tag.value);
  });
  return tags;
}
