/**
 * Recognises the mesh's own spans: Envoy's (Istio, Consul, Kuma, OSM sidecars and gateways) and
 * linkerd2-proxy's. They are taken out of the call tree so the imported application can be put under
 * any mesh; their time goes to the caller's wait, never to an app's own time.
 */

import type { Span } from "./span.js";

export type ProxyKind = "envoy" | "linkerd2-proxy";

/**
 * Which proxy wrote `span`, if one did. Envoy tags every span it writes `component: proxy` and names
 * its `upstream_cluster`; linkerd2-proxy reports as the service `linkerd-proxy`.
 * @example proxyKindOf({ ...span, attributes: { component: "proxy" } }) // "envoy"
 */
export function proxyKindOf(span: Span): ProxyKind | undefined {
  const attributes = span.attributes;
  if (/^linkerd2?-proxy$/.test(span.service) || attributes["linkerd.io/proxy"] !== undefined) return "linkerd2-proxy";
  if (attributes.component === "proxy" || (attributes.upstream_cluster !== undefined && attributes.node_id !== undefined)) return "envoy";
  if (/^(envoy|istio-proxy)$/.test(span.service)) return "envoy";
  return undefined;
}

/** Whether the proxy is a gateway in front of the mesh rather than a pod's sidecar. */
export function isGatewayProxy(span: Span): boolean {
  const nodeId = String(span.attributes.node_id ?? "");
  return nodeId.startsWith("router~") || /ingress-?gateway|gateway$/.test(span.service);
}

/**
 * The workload a sidecar's span belongs to, when the span says: Istio's canonical service, the
 * pod in Envoy's node id (`sidecar~10.0.0.7~reviews-v1-545db77b95-v8qxs.default~...`) or in the
 * Kubernetes resource attributes, or Istio's `<app>.<namespace>` service name.
 * @example proxyWorkload({ ...span, service: "reviews.default" }) // "reviews"
 */
export function proxyWorkload(span: Span): string | undefined {
  const attributes = span.attributes;
  for (const key of ["istio.canonical_service", "k8s.deployment.name", "k8s.statefulset.name", "k8s.daemonset.name"]) {
    if (typeof attributes[key] === "string" && attributes[key] !== "") return attributes[key] as string;
  }
  const pod = /^sidecar~[^~]*~([^.~]+)\./.exec(String(attributes.node_id ?? ""))?.[1] ?? (typeof attributes["k8s.pod.name"] === "string" ? attributes["k8s.pod.name"] : undefined);
  if (pod) return workloadOfPod(pod);
  if (/^[a-z0-9-]+\.[a-z0-9-]+$/.test(span.service) && !/^linkerd2?-proxy$/.test(span.service)) return span.service.split(".")[0];
  return undefined;
}

/**
 * A pod's workload: its name without the ReplicaSet hash and pod suffix (`reviews-v1-545db77b95-v8qxs`)
 * or a StatefulSet ordinal (`mysql-0`).
 * @example workloadOfPod("reviews-v1-545db77b95-v8qxs") // "reviews-v1"
 */
export function workloadOfPod(pod: string): string {
  return pod.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, "").replace(/-[a-z0-9]{5}$/, "").replace(/-\d+$/, "");
}
