// callFacts, peerOf and isExternalHost: what span attributes say about a call, by the OpenTelemetry
// conventions old and new, Envoy's tags and Zipkin's.

import { describe, expect, it } from "vitest";
import { callFacts, isExternalHost, peerOf } from "../../../src/import/traces/span-protocol.js";
import type { Span } from "../../../src/import/traces/index.js";

function span(attributes: Span["attributes"], extra: Partial<Span> = {}): Span {
  return { traceId: "1", spanId: "2", service: "web", name: "op", kind: "client", startMs: 0, endMs: 1, attributes, source: "test", ...extra };
}

describe("span attributes", () => {
  it.each([
    [{ "rpc.system": "grpc" }, "grpc", "grpc"],
    [{ "http.request.method": "GET", "network.protocol.version": "2" }, "http2", "http"],
    [{ "http.method": "GET", "http.flavor": "1.1" }, "http1", "http"],
    [{ "db.system": "postgresql" }, "tcp", "db"],
    [{ "db.system": "redis" }, "tcp", "cache"],
    [{ "messaging.system": "kafka" }, "tcp", "queue"],
    [{}, "http1", "http"],
  ])("%j is %s (%s)", (attributes, protocol, kind) => {
    expect(callFacts(span(attributes))).toMatchObject({ protocol, kind });
  });

  it("reads payload sizes from the new names, the old ones and Envoy's", () => {
    expect(callFacts(span({ "http.request.body.size": 512, "http.response.body.size": "2048" }))).toMatchObject({ requestBytes: 512, responseBytes: 2048 });
    expect(callFacts(span({ "http.request_content_length": 10 }))).toMatchObject({ requestBytes: 10 });
    expect(callFacts(span({ request_size: "300", response_size: "900" }))).toMatchObject({ requestBytes: 300, responseBytes: 900 });
  });

  it("names the peer of a client span", () => {
    expect(peerOf(span({ "peer.service": "payments" }))).toMatchObject({ name: "payments" });
    expect(peerOf(span({ "server.address": "ratings.default.svc.cluster.local" })).name).toBe("ratings");
    expect(peerOf(span({ "url.full": "https://api.stripe.com/v1/charges" })).name).toBe("api.stripe.com");
    expect(peerOf(span({ "db.system": "mysql", "net.peer.name": "10.0.0.4" })).name).toBe("mysql");
    expect(peerOf(span({}, { remoteService: "zipkin-peer" })).name).toBe("zipkin-peer");
  });

  it.each([
    ["api.stripe.com", true],
    ["ratings", false],
    ["ratings.default.svc.cluster.local", false],
    ["10.0.0.4", false],
    ["db.internal", false],
  ])("%s is outside the cluster: %s", (host, external) => {
    expect(isExternalHost(host)).toBe(external);
  });
});
