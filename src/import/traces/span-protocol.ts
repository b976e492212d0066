/**
 * What a span's attributes say about the call it records, by the OpenTelemetry semantic conventions
 * (older and newer names alike) and Envoy's and Zipkin's tags: the protocol, the kind of service
 * answering (HTTP, gRPC, a database, a cache, a message broker), who it is and the payload sizes.
 * https://github.com/open-telemetry/semantic-conventions/tree/v1.26.0/docs
 */

import type { Span } from "./span.js";

export type CallProtocol = "http1" | "http2" | "grpc" | "tcp";
export type PeerKind = "http" | "grpc" | "db" | "cache" | "queue";

export interface CallFacts {
  protocol: CallProtocol;
  kind: PeerKind;
  /** Which attribute said so: "rpc.system=grpc", "db.system=postgresql", "" when nothing did. */
  evidence: string;
  requestBytes?: number;
  responseBytes?: number;
}

/**
 * The protocol, kind and payload sizes a span's attributes give.
 * @example callFacts({ ...span, attributes: { "db.system": "redis" } }) // { protocol: "tcp", kind: "cache", evidence: "db.system=redis" }
 */
export function callFacts(span: Span): CallFacts {
  const a = span.attributes;
  const sizes = payloadSizes(span);
  const dbSystem = stringOf(a["db.system"] ?? a["db.system.name"] ?? a["db.type"]);
  if (dbSystem) return { protocol: "tcp", kind: CACHES.has(dbSystem.toLowerCase()) ? "cache" : "db", evidence: `db.system=${dbSystem}`, ...sizes };
  const messaging = stringOf(a["messaging.system"]);
  if (messaging) return { protocol: "tcp", kind: "queue", evidence: `messaging.system=${messaging}`, ...sizes };
  const rpc = stringOf(a["rpc.system"]);
  if (rpc === "grpc" || a["rpc.grpc.status_code"] !== undefined || a["grpc.status_code"] !== undefined) {
    return { protocol: "grpc", kind: "grpc", evidence: rpc ? `rpc.system=${rpc}` : "grpc status code", ...sizes };
  }
  const version = stringOf(a["network.protocol.version"] ?? a["http.flavor"] ?? a["http.protocol"]);
  const method = stringOf(a["http.request.method"] ?? a["http.method"]);
  if (version || method || a["http.url"] !== undefined || a["url.full"] !== undefined || a["http.route"] !== undefined) {
    const http2 = version !== undefined && /^(2|2\.0|HTTP\/2(\.0)?|h2c?)$/i.test(version);
    return { protocol: http2 ? "http2" : "http1", kind: "http", evidence: version ? `HTTP ${version}` : "HTTP attributes", ...sizes };
  }
  return { protocol: "http1", kind: "http", evidence: "", ...sizes };
}

/**
 * Who a client span called: `peer.service`, the database or broker (`db.name` / destination), else the
 * host it named (without port or Kubernetes DNS suffix).
 * @example peerOf({ ...span, attributes: { "server.address": "ratings.default.svc.cluster.local" } }) // { name: "ratings", host: "ratings.default.svc.cluster.local" }
 */
export function peerOf(span: Span): { name?: string; host?: string } {
  const a = span.attributes;
  const host = hostOf(span);
  const peerService = stringOf(a["peer.service"]) ?? span.remoteService;
  if (peerService) return { name: peerService, host };
  const dbSystem = stringOf(a["db.system"] ?? a["db.system.name"] ?? a["db.type"]);
  if (dbSystem) return { name: host && !isIpAddress(host) ? clusterName(host) : dbSystem, host };
  const messaging = stringOf(a["messaging.system"]);
  if (messaging) return { name: messaging, host };
  return { name: host && !isIpAddress(host) ? clusterName(host) : undefined, host };
}

/**
 * Whether a host is outside the cluster: a DNS name that is not a Kubernetes service name (no dot,
 * `.svc`, `.cluster.local`, `.local`, `.internal`). Addresses are taken as inside.
 * @example isExternalHost("api.stripe.com") // true
 */
export function isExternalHost(host: string | undefined): boolean {
  if (!host || isIpAddress(host) || !host.includes(".")) return false;
  return !/(\.svc|\.svc\.cluster\.local|\.cluster\.local|\.local|\.internal|\.localdomain)$/.test(host);
}

// --- internal ---

const CACHES = new Set(["redis", "memcached", "valkey", "hazelcast", "couchbase"]);

function payloadSizes(span: Span): { requestBytes?: number; responseBytes?: number } {
  const a = span.attributes;
  const request = numberOf(a["http.request.body.size"] ?? a["http.request_content_length"] ?? a.request_size ?? a["messaging.message.body.size"] ?? a["messaging.message_payload_size_bytes"]);
  const response = numberOf(a["http.response.body.size"] ?? a["http.response_content_length"] ?? a.response_size);
  return { ...(request !== undefined ? { requestBytes: request } : {}), ...(response !== undefined ? { responseBytes: response } : {}) };
}

function hostOf(span: Span): string | undefined {
  const a = span.attributes;
  const direct = stringOf(a["server.address"] ?? a["net.peer.name"] ?? a["http.host"] ?? a["net.sock.peer.name"] ?? a["peer.hostname"]);
  if (direct) return direct.replace(/:\d+$/, "").toLowerCase();
  const url = stringOf(a["url.full"] ?? a["http.url"]);
  if (url) {
    try {
      return new URL(url).hostname.toLowerCase();
    } catch {
      // Not a URL (a path only): no host to read.
    }
  }
  return undefined;
}

/** "ratings.default.svc.cluster.local" -> "ratings"; a name outside the cluster stays whole. */
function clusterName(host: string): string {
  return isExternalHost(host) ? host : host.split(".")[0];
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) && number >= 0 ? Math.round(number) : undefined;
}
