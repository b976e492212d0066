/**
 * OpenTelemetry OTLP JSON: the body of an OTLP/HTTP JSON export (`{ resourceSpans: [...] }`), the
 * collector's file exporter (one such document per line), and Jaeger's api/v3 (`{ result: {...} }`).
 * Ids are hex, times are nanoseconds (as strings), attributes are `{ key, value: { stringValue } }`;
 * a span's `traceState` may say the probability it was sampled at.
 * https://github.com/open-telemetry/opentelemetry-proto/blob/v1.3.2/opentelemetry/proto/trace/v1/trace.proto
 */

import { at, fail, flatten, hexId, isObject, list, object, optionalText, text, timeMs, type FieldAt } from "./_span-fields.js";
import type { AttributeValue, Span, SpanKind } from "./span.js";
import { samplingProbabilityOf } from "./trace-state-sampling.js";

/**
 * The spans of one `resourceSpans` entry.
 * @throws ScenarioError naming the file and field of a malformed span
 * @example readOtlpResourceSpans({ file: "t.json", path: "resourceSpans[0]" }, entry)[0].service // "frontend"
 */
export function readOtlpResourceSpans(where: FieldAt, value: unknown): Span[] {
  const entry = object(where, undefined, value, "an OTLP ResourceSpans");
  const resourceAttributes = readAttributes(at(at(where, "resource"), "attributes"), isObject(entry.resource) ? entry.resource.attributes : undefined);
  const service = typeof resourceAttributes["service.name"] === "string" && resourceAttributes["service.name"] !== "" ? resourceAttributes["service.name"] : "unknown_service";
  // instrumentationLibrarySpans: the name before OTLP 0.15; some exporters still write it.
  const scopesKey = entry.scopeSpans !== undefined ? "scopeSpans" : "instrumentationLibrarySpans";
  const spans: Span[] = [];
  list(where, scopesKey, entry[scopesKey]).forEach((scope, scopeIndex) => {
    const scopeAt = at(at(where, scopesKey), scopeIndex);
    const spansAt = at(scopeAt, "spans");
    list(spansAt, undefined, object(scopeAt, undefined, scope, "an OTLP ScopeSpans").spans).forEach((raw, index) => {
      spans.push(readSpan(at(spansAt, index), raw, service, resourceAttributes));
    });
  });
  return spans;
}

// --- internal ---

/** OTLP SpanKind numbers (and their names, which some writers use in JSON). */
const KINDS: Record<string, SpanKind> = {
  "0": "internal",
  "1": "internal",
  "2": "server",
  "3": "client",
  "4": "producer",
  "5": "consumer",
  SPAN_KIND_UNSPECIFIED: "internal",
  SPAN_KIND_INTERNAL: "internal",
  SPAN_KIND_SERVER: "server",
  SPAN_KIND_CLIENT: "client",
  SPAN_KIND_PRODUCER: "producer",
  SPAN_KIND_CONSUMER: "consumer",
};

function readSpan(where: FieldAt, value: unknown, service: string, resourceAttributes: Record<string, AttributeValue>): Span {
  const raw = object(where, undefined, value, "an OTLP span");
  const kind = raw.kind === undefined ? "internal" : KINDS[String(raw.kind)];
  if (kind === undefined) fail(at(where, "kind"), `must be an OTLP SpanKind (0-5 or SPAN_KIND_SERVER, ...), got ${JSON.stringify(raw.kind)}`);
  const parent = optionalText(where, "parentSpanId", raw.parentSpanId);
  const startMs = timeMs(where, "startTimeUnixNano", raw.startTimeUnixNano, 1e6, "nanoseconds");
  const endMs = timeMs(where, "endTimeUnixNano", raw.endTimeUnixNano, 1e6, "nanoseconds");
  if (endMs < startMs) fail(at(where, "endTimeUnixNano"), `must not be before startTimeUnixNano (${String(raw.startTimeUnixNano)}), got ${String(raw.endTimeUnixNano)}`);
  const attributes = { ...resourceAttributes, ...readAttributes(at(where, "attributes"), raw.attributes) };
  const samplingProbability = typeof raw.traceState === "string" ? samplingProbabilityOf(raw.traceState) : undefined;
  return {
    traceId: hexId(where, "traceId", fromBase64(raw.traceId, 16)),
    spanId: hexId(where, "spanId", fromBase64(raw.spanId, 8)),
    ...(parent !== undefined ? { parentId: hexId(where, "parentSpanId", fromBase64(parent, 8)) } : {}),
    service,
    name: text(where, "name", raw.name ?? "(unnamed)"),
    kind,
    startMs,
    endMs,
    attributes,
    ...(samplingProbability !== undefined ? { samplingProbability } : {}),
    source: `${where.file}: ${where.path}`,
  };
}

/**
 * OTLP JSON writes ids in hex, but the protobuf JSON mapping (which some exporters used) writes bytes
 * in base64: an id of the right length in base64 is turned into hex, anything else is left to fail.
 */
function fromBase64(value: unknown, bytes: number): unknown {
  if (typeof value !== "string" || /^[0-9a-fA-F]+$/.test(value) || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return value;
  const decoded = Buffer.from(value, "base64");
  return decoded.length === bytes ? decoded.toString("hex") : value;
}

function readAttributes(where: FieldAt, value: unknown): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  list(where, undefined, value).forEach((entry, index) => {
    const attribute = object(where, index, entry, "an attribute ({ key, value })");
    const key = text(at(where, index), "key", attribute.key);
    attributes[key] = readAnyValue(attribute.value);
  });
  return attributes;
}

/** OTLP AnyValue: one of stringValue, intValue (a string in JSON), doubleValue, boolValue, arrayValue, kvlistValue, bytesValue. */
function readAnyValue(value: unknown): AttributeValue {
  if (!isObject(value)) return flatten(value);
  if (typeof value.stringValue === "string") return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (typeof value.boolValue === "boolean") return value.boolValue;
  return flatten(value.arrayValue ?? value.kvlistValue ?? value.bytesValue ?? "");
}
