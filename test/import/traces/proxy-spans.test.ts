// proxyKindOf and proxyWorkload: Envoy's and linkerd2-proxy's spans told from the apps', and the
// workload a sidecar's span belongs to.

import { describe, expect, it } from "vitest";
import { proxyKindOf, proxyWorkload, workloadOfPod } from "../../../src/import/traces/proxy-spans.js";
import type { Span } from "../../../src/import/traces/index.js";

const base: Span = { traceId: "1", spanId: "2", service: "reviews", name: "op", kind: "server", startMs: 0, endMs: 1, attributes: {}, source: "test" };

describe("proxy spans", () => {
  it.each([
    [{ attributes: { component: "proxy" } }, "envoy"],
    [{ attributes: { upstream_cluster: "outbound|9080||reviews", node_id: "sidecar~..." } }, "envoy"],
    [{ service: "linkerd-proxy" }, "linkerd2-proxy"],
    [{ attributes: { "http.method": "GET" } }, undefined],
  ] as const)("%j is written by %s", (extra, kind) => {
    expect(proxyKindOf({ ...base, ...extra } as Span)).toBe(kind);
  });

  it.each([
    [{ attributes: { "istio.canonical_service": "reviews" } }, "reviews"],
    [{ attributes: { node_id: "sidecar~10.0.0.7~reviews-v1-545db77b95-v8qxs.default~default.svc.cluster.local" } }, "reviews-v1"],
    [{ service: "ratings.bookinfo" }, "ratings"],
    [{ service: "linkerd-proxy", attributes: { "k8s.pod.name": "web-7d9f8b6c5-abcde" } }, "web"],
  ] as const)("%j belongs to %s", (extra, workload) => {
    expect(proxyWorkload({ ...base, ...extra } as Span)).toBe(workload);
  });

  it.each([
    ["reviews-v1-545db77b95-v8qxs", "reviews-v1"],
    ["mysql-0", "mysql"],
    ["agent-x7k2p", "agent"],
  ])("pod %s is of workload %s", (pod, workload) => {
    expect(workloadOfPod(pod)).toBe(workload);
  });
});
