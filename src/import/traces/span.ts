/**
 * One span as every trace format is read into: who (service), what (operation, kind), when (start and
 * end, ms since the epoch) and its attributes flattened to plain values, with where it was read from.
 */

/** The role a span plays in a call; OTLP's SpanKind, Jaeger's `span.kind` tag and Zipkin's `kind` map onto it. */
export type SpanKind = "server" | "client" | "producer" | "consumer" | "internal";

/** An attribute value once flattened: arrays and maps become their JSON text. */
export type AttributeValue = string | number | boolean;

export interface Span {
  traceId: string;
  spanId: string;
  /** Absent for a root span. */
  parentId?: string;
  /** Jaeger's FOLLOWS_FROM, or an OTLP link used as the parent: the parent does not wait for it. */
  followsFrom?: boolean;
  /** The span's `service.name` (OTLP resource, Jaeger process, Zipkin localEndpoint). */
  service: string;
  /** Operation name. */
  name: string;
  kind: SpanKind;
  /** Milliseconds since the epoch, with microsecond resolution. */
  startMs: number;
  endMs: number;
  /** Span attributes over resource attributes (span's win on a clash). */
  attributes: Readonly<Record<string, AttributeValue>>;
  /** The probability the span was sampled at, when its W3C tracestate says (OTLP's `traceState`, `ot=th:…`). */
  samplingProbability?: number;
  /** Zipkin's `remoteEndpoint.serviceName`: who a client span called, when the format says. */
  remoteService?: string;
  /** Zipkin B3 "shared" server span: it carries the id of the client span it answers. */
  shared?: boolean;
  /** "traces.json: data[3].spans[7]", for notices and errors. */
  source: string;
}

/** The formats `meshsim import traces` reads. */
export const TRACE_FORMATS = ["otlp", "jaeger", "zipkin"] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];
