/**
 * Zipkin v2 JSON: a list of spans (what a reporter posts to /api/v2/spans) or a list of traces,
 * each a list of spans (what /api/v2/traces answers). Times are microseconds; a client and the
 * server it called may share one span id (B3 "shared" spans).
 * https://github.com/openzipkin/zipkin-api/blob/1.0.0/zipkin2-api.yaml
 */

import { at, flatten, hexId, isObject, object, optionalText, timeMs, type FieldAt } from "./_span-fields.js";
import type { AttributeValue, Span, SpanKind } from "./span.js";

/** What one element of the top-level list gave: its spans, and how many had no duration (still open when reported). */
export interface ZipkinItem {
  spans: Span[];
  incomplete: number;
}

/**
 * The spans of one element of the file's top-level list: a span, or a trace (a list of spans).
 * @throws ScenarioError naming the file and field of a malformed span
 * @example readZipkinItem({ file: "z.json", path: "[0]" }, span).spans[0].kind // "server"
 */
export function readZipkinItem(where: FieldAt, value: unknown): ZipkinItem {
  const raws = Array.isArray(value) ? value.map((span, index) => ({ span, at: at(where, index) })) : [{ span: value, at: where }];
  const item: ZipkinItem = { spans: [], incomplete: 0 };
  for (const raw of raws) {
    const span = readSpan(raw.at, raw.span);
    if (span) item.spans.push(span);
    else item.incomplete += 1;
  }
  return item;
}

/** Whether a top-level element looks like a Zipkin span (or a list of them), for format detection. */
export function looksLikeZipkin(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  return isObject(first) && "traceId" in first && "id" in first && !("spanID" in first);
}

// --- internal ---

const KINDS: Record<string, SpanKind> = { SERVER: "server", CLIENT: "client", PRODUCER: "producer", CONSUMER: "consumer" };

function readSpan(where: FieldAt, value: unknown): Span | undefined {
  const raw = object(where, undefined, value, "a Zipkin span");
  const traceId = hexId(where, "traceId", raw.traceId);
  const spanId = hexId(where, "id", raw.id);
  // A span reported before it finished has no duration: it says nothing about time.
  if (raw.duration === undefined || raw.timestamp === undefined) return undefined;
  const startMs = timeMs(where, "timestamp", raw.timestamp, 1e3, "microseconds");
  const durationMs = timeMs(where, "duration", raw.duration, 1e3, "microseconds");
  const parent = optionalText(where, "parentId", raw.parentId);
  const local = isObject(raw.localEndpoint) ? raw.localEndpoint : {};
  const remote = isObject(raw.remoteEndpoint) ? raw.remoteEndpoint : {};
  const tags: Record<string, AttributeValue> = {};
  if (raw.tags !== undefined) {
    for (const [key, tag] of Object.entries(object(where, "tags", raw.tags, "a map of tag names to strings"))) tags[key] = flatten(tag);
  }
  const remoteService = typeof remote.serviceName === "string" && remote.serviceName !== "" ? remote.serviceName : undefined;
  return {
    traceId,
    spanId,
    ...(parent !== undefined ? { parentId: hexId(where, "parentId", parent) } : {}),
    service: typeof local.serviceName === "string" && local.serviceName !== "" ? local.serviceName : "unknown",
    name: typeof raw.name === "string" && raw.name !== "" ? raw.name : "(unnamed)",
    kind: KINDS[String(raw.kind ?? "")] ?? "internal",
    startMs,
    endMs: startMs + durationMs,
    attributes: tags,
    ...(remoteService ? { remoteService } : {}),
    ...(raw.shared === true ? { shared: true } : {}),
    source: `${where.file}: ${where.path}`,
  };
}
