// Generates traces of a known call graph (seeded), and writes them as OTLP JSON, Jaeger JSON or
// Zipkin v2 JSON, so the tests can check that the import recovers the graph it was made from.

import { createRng, type Rng } from "../../../src/random/index.js";

export interface GenCall {
  service: string;
  operation?: string;
  probability?: number;
  /** Sequential calls per time it happens. */
  repeat?: number;
  calls?: GenNode[];
  /** A leaf peer with no spans of its own: a database (db.system) or an external host. */
  dbSystem?: string;
  host?: string;
  /** A message to a broker, consumed by this call's `calls` later. */
  messaging?: string;
  kind?: "grpc" | "http";
}

export type GenNode = GenCall | { parallel: GenCall[] };

export interface GenApp {
  /** Mean own time per service, ms (exponential). */
  ownMs: Record<string, number>;
  requestTypes: Array<{ entry: string; operation: string; weight: number; calls: GenNode[] }>;
  /** Requests per second the traces are spread at. */
  ratePerSec: number;
  /** Add Envoy sidecar spans around every call (an Istio-meshed cluster). */
  sidecars?: boolean;
  /** Only the sidecars write spans (apps propagate headers but write none). */
  sidecarsOnly?: boolean;
  /** Envoy's own time per pass, ms (when there are sidecars). */
  proxyMs?: number;
  networkMs?: number;
  /** Round trip to an external host, ms (default: twice networkMs). */
  externalRttMs?: number;
}

export interface GenSpan {
  traceId: string;
  spanId: string;
  parentId?: string;
  service: string;
  name: string;
  kind: "server" | "client" | "producer" | "consumer" | "internal";
  startUs: number;
  endUs: number;
  attributes: Record<string, string | number>;
}

const START_US = 1_700_000_000_000_000;

/** Own times the generator drew, per service, ms: what an import should recover. */
export const drawnOwnMs = new Map<string, number[]>();

/** `count` traces of `app`, seeded; the own times drawn are left in `drawnOwnMs` (cleared first). */
export function generateTraces(app: GenApp, count: number, seed = 1): GenSpan[] {
  const rng = createRng(seed, "traces");
  const spans: GenSpan[] = [];
  drawnOwnMs.clear();
  const draw = (service: string, ms: number): number => {
    if (!drawnOwnMs.has(service)) drawnOwnMs.set(service, []);
    drawnOwnMs.get(service)!.push(ms);
    return ms;
  };
  let ids = 0;
  const nextId = (): string => (++ids).toString(16).padStart(16, "0");
  const exp = (mean: number): number => -Math.log1p(-rng()) * mean;
  const networkUs = (app.networkMs ?? 0.1) * 1000;
  const proxyUs = (app.proxyMs ?? 0.05) * 1000;
  const totalWeight = app.requestTypes.reduce((sum, type) => sum + type.weight, 0);
  let clockUs = START_US;

  /** A service serving a request from `startUs`; returns its end. */
  const serve = (traceId: string, parentId: string | undefined, service: string, operation: string, calls: GenNode[], startUs: number, kind: GenSpan["kind"] = "server"): number => {
    let serverId = nextId();
    let appStart = startUs;
    let inbound: GenSpan | undefined;
    if (app.sidecars && kind === "server") {
      inbound = { traceId, spanId: serverId, parentId, service: `${service}.default`, name: `${service}.default.svc.cluster.local:80/*`, kind: "server", startUs, endUs: 0, attributes: { component: "proxy", upstream_cluster: `inbound|80||`, node_id: `sidecar~10.0.0.1~${service}-5d8f9c7b6d-x2x7q.default~default.svc.cluster.local`, "istio.canonical_service": service } };
      spans.push(inbound);
      parentId = serverId;
      serverId = nextId();
      appStart = startUs + proxyUs;
    }
    const own = draw(service, exp(app.ownMs[service] ?? 1)) * 1000;
    let t = appStart + own / 2;
    const server: GenSpan = { traceId, spanId: serverId, parentId, service, name: operation, kind, startUs: appStart, endUs: 0, attributes: { "http.request.method": "GET", "k8s.pod.name": `${service}-5d8f9c7b6d-x2x7q` } };
    if (!app.sidecarsOnly || !inbound) spans.push(server);
    const parentForCalls = app.sidecarsOnly && inbound ? inbound.spanId : serverId;
    for (const node of calls) {
      if ("parallel" in node) {
        let end = t;
        for (const call of node.parallel) end = Math.max(end, makeCall(traceId, parentForCalls, service, call, t));
        t = end;
      } else {
        t = makeCall(traceId, parentForCalls, service, node, t);
      }
    }
    t += own / 2;
    server.endUs = t;
    if (inbound) inbound.endUs = t + proxyUs;
    return inbound ? inbound.endUs : t;
  };

  const makeCall = (traceId: string, parentId: string, caller: string, call: GenCall, startUs: number): number => {
    if (call.probability !== undefined && rng() >= call.probability) return startUs;
    let t = startUs;
    for (let r = 0; r < (call.repeat ?? 1); r++) {
      const clientId = nextId();
      const operation = call.operation ?? `GET /${call.service}`;
      const client: GenSpan = { traceId, spanId: clientId, parentId, service: caller, name: operation, kind: call.messaging ? "producer" : "client", startUs: t, endUs: 0, attributes: {} };
      if (call.dbSystem) client.attributes = { "db.system": call.dbSystem, "server.address": `${call.service}.default.svc.cluster.local` };
      else if (call.host) client.attributes = { "http.request.method": "POST", "server.address": call.host, "http.request.body.size": 2048 };
      else if (call.messaging) client.attributes = { "messaging.system": call.messaging, "messaging.destination.name": call.service };
      else if (call.kind === "grpc") client.attributes = { "rpc.system": "grpc", "server.address": call.service };
      else client.attributes = { "http.request.method": "GET", "server.address": call.service, "http.request.body.size": 300, "http.response.body.size": 1500 };
      if (!app.sidecarsOnly) spans.push(client);
      let parent = app.sidecarsOnly ? parentId : clientId;
      let begin = t;
      let outbound: GenSpan | undefined;
      if (app.sidecars && !call.dbSystem && !call.host && !call.messaging) {
        outbound = { traceId, spanId: nextId(), parentId: parent, service: `${caller}.default`, name: `${call.service}.default.svc.cluster.local:80/*`, kind: "client", startUs: t, endUs: 0, attributes: { component: "proxy", upstream_cluster: `outbound|80||${call.service}`, node_id: `sidecar~10.0.0.2~${caller}-5d8f9c7b6d-x2x7q.default~default.svc.cluster.local` } };
        spans.push(outbound);
        parent = outbound.spanId;
        begin = t + proxyUs;
      }
      let end: number;
      if (call.dbSystem || call.host) {
        const roundTripUs = call.host && app.externalRttMs !== undefined ? app.externalRttMs * 1000 : 2 * networkUs;
        end = begin + draw(call.service, exp(app.ownMs[call.service] ?? 1)) * 1000 + roundTripUs;
      } else if (call.messaging) {
        end = begin + 200;
        const consumerStart = end + 1000;
        for (const node of call.calls ?? []) {
          if ("parallel" in node) continue;
          serve(traceId, clientId, node.service, node.operation ?? "process", node.calls ?? [], consumerStart, "consumer");
        }
      } else {
        end = serve(traceId, parent, call.service, operation, call.calls ?? [], begin + networkUs) + networkUs;
      }
      if (outbound) {
        outbound.endUs = end + proxyUs;
        end += proxyUs;
      }
      client.endUs = end;
      t = end;
    }
    return t;
  };

  for (let i = 0; i < count; i++) {
    clockUs += exp(1000 / app.ratePerSec) * 1000;
    let pick = rng() * totalWeight;
    const type = app.requestTypes.find((candidate) => (pick -= candidate.weight) < 0) ?? app.requestTypes[0];
    const traceId = (i + 1).toString(16).padStart(32, "0");
    serve(traceId, undefined, type.entry, type.operation, type.calls, clockUs);
  }
  return spans;
}

export function toOtlp(spans: GenSpan[]): object {
  const byService = new Map<string, GenSpan[]>();
  for (const span of spans) {
    if (!byService.has(span.service)) byService.set(span.service, []);
    byService.get(span.service)!.push(span);
  }
  const kinds = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
  return {
    resourceSpans: [...byService].map(([service, list]) => ({
      resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
      scopeSpans: [
        {
          scope: { name: "generator" },
          spans: list.map((span) => ({
            traceId: span.traceId,
            spanId: span.spanId,
            ...(span.parentId ? { parentSpanId: span.parentId } : {}),
            name: span.name,
            kind: kinds[span.kind],
            startTimeUnixNano: `${Math.round(span.startUs)}000`,
            endTimeUnixNano: `${Math.round(span.endUs)}000`,
            attributes: Object.entries(span.attributes).map(([key, value]) => ({ key, value: typeof value === "number" ? { intValue: String(value) } : { stringValue: value } })),
          })),
        },
      ],
    })),
  };
}

export function toJaeger(spans: GenSpan[]): object {
  const byTrace = new Map<string, GenSpan[]>();
  for (const span of spans) {
    if (!byTrace.has(span.traceId)) byTrace.set(span.traceId, []);
    byTrace.get(span.traceId)!.push(span);
  }
  return {
    data: [...byTrace].map(([traceId, list]) => {
      const services = [...new Set(list.map((span) => span.service))];
      return {
        traceID: traceId,
        spans: list.map((span) => ({
          traceID: traceId,
          spanID: span.spanId,
          operationName: span.name,
          references: span.parentId ? [{ refType: "CHILD_OF", traceID: traceId, spanID: span.parentId }] : [],
          startTime: Math.round(span.startUs),
          duration: Math.round(span.endUs - span.startUs),
          tags: [{ key: "span.kind", type: "string", value: span.kind }, ...Object.entries(span.attributes).map(([key, value]) => ({ key, type: typeof value === "number" ? "int64" : "string", value }))],
          processID: `p${services.indexOf(span.service) + 1}`,
        })),
        processes: Object.fromEntries(services.map((service, index) => [`p${index + 1}`, { serviceName: service, tags: [] }])),
      };
    }),
    total: 0,
    limit: 0,
    offset: 0,
    errors: null,
  };
}

export function toZipkin(spans: GenSpan[]): object[] {
  return spans.map((span) => ({
    traceId: span.traceId,
    id: span.spanId,
    ...(span.parentId ? { parentId: span.parentId } : {}),
    name: span.name,
    ...(span.kind === "internal" ? {} : { kind: span.kind.toUpperCase() }),
    timestamp: Math.round(span.startUs),
    duration: Math.round(span.endUs - span.startUs),
    localEndpoint: { serviceName: span.service },
    tags: Object.fromEntries(Object.entries(span.attributes).map(([key, value]) => [key, String(value)])),
  }));
}

export type { Rng };
