/**
 * What a simulated span is called and tagged with, as the real writers do: apps by the OpenTelemetry
 * semantic conventions (HTTP, gRPC, database, messaging attributes), Envoy as Istio configures it
 * (service `<workload>.<namespace>`, operation `<host>:<port>/*`, `component: proxy`,
 * `upstream_cluster`, `node_id`), linkerd2-proxy as the service `linkerd-proxy` with its `http.*`
 * labels. Proxies that write no spans of their own here (ztunnel, linkerd 1.x, Traefik) get none.
 * https://github.com/open-telemetry/semantic-conventions/tree/v1.26.0/docs
 */

import type { ProxyCost, Service } from "../../../mesh/index.js";
import { hashText } from "./trace-sampling.js";

export type AttributeMap = Record<string, string | number | boolean>;

/** The proxies whose spans are written, by their implementation. */
export type ProxyFamily = "envoy" | "linkerd2-proxy";

/** The namespace every simulated workload runs in. */
export const NAMESPACE = "default";
/** The port every simulated Kubernetes Service listens on. */
export const SERVICE_PORT = 80;

/**
 * The family of a proxy by its profile's implementation, or undefined when it writes no spans here.
 * @example proxyFamily({ implementation: "Envoy (C++), istio-proxy sidecar", ... }) // "envoy"
 */
export function proxyFamily(cost: ProxyCost): ProxyFamily | undefined {
  if (/linkerd2-proxy/i.test(cost.implementation)) return "linkerd2-proxy";
  if (/envoy/i.test(cost.implementation)) return "envoy";
  return undefined;
}

/**
 * A pod's name as a ReplicaSet names it: the workload, a hash of it, and a suffix per replica.
 * @example podName("cart", 0) // "cart-5c7d9b8f6d-x2k7q"-like, the same every time
 */
export function podName(service: string, replica: number): string {
  return `${service}-${k8sChars(hashText(service), 10)}-${k8sChars(hashText(`${service}#${replica}`), 5)}`;
}

/** The cluster DNS name of a service. */
export function serviceHost(service: string): string {
  return `${service}.${NAMESPACE}.svc.cluster.local`;
}

/** The operation (span name) of a call to `service`, as its server names it. */
export function operationOf(service: Service): string {
  if (service.protocol === "grpc" || service.kind === "grpc") return `${service.name}.Service/Call`;
  if (service.kind === "db") return "query";
  if (service.kind === "cache") return "command";
  if (service.kind === "queue" || service.kind === "worker") return `${service.name} process`;
  return `GET /${service.name}`;
}

/**
 * The attributes of an app's span for a call to `callee`: what the semantic conventions put on
 * both ends (the client's also name the peer).
 */
export function callAttributes(callee: Service, requestBytes: number, responseBytes: number, client: boolean, status: number): AttributeMap {
  const peer: AttributeMap = client ? { "server.address": serviceHost(callee.name), "server.port": SERVICE_PORT, "peer.service": callee.name } : {};
  const system = systemOf(callee);
  if (callee.kind === "db" || callee.kind === "cache") return { "db.system": system, ...peer };
  if (callee.kind === "queue" || callee.kind === "worker") {
    return { "messaging.system": system, "messaging.destination.name": callee.name, "messaging.operation": client ? "publish" : "process", ...peer };
  }
  if (callee.protocol === "grpc" || callee.kind === "grpc") {
    return { "rpc.system": "grpc", "rpc.service": `${callee.name}.Service`, "rpc.method": "Call", "rpc.grpc.status_code": status === 0 ? 0 : 2, ...peer };
  }
  return {
    "http.request.method": "GET",
    "url.path": `/${callee.name}`,
    ...(client ? {} : { "http.route": `/${callee.name}` }),
    "network.protocol.version": callee.protocol === "http1" ? "1.1" : "2",
    "http.response.status_code": status === 0 ? 200 : status,
    ...(requestBytes > 0 ? { "http.request.body.size": requestBytes } : {}),
    ...(responseBytes > 0 ? { "http.response.body.size": responseBytes } : {}),
    ...peer,
  };
}

/** Where a proxy pass sits, for its name and tags. */
export interface ProxyPlace {
  family: ProxyFamily;
  /** The station's hop group: "gateway", "waypoint", "sidecar/<service>", "envoy/node-1". */
  group: string;
  /** On the callee's side of the network (inbound). */
  inbound: boolean;
  /** The workload the proxy serves: the pod's service behind a sidecar. */
  workload: string;
  pod: string;
  ip: string;
  callee: string;
  /** The callee's protocol: the HTTP version Envoy reports. */
  protocol: Service["protocol"];
  status: number;
}

/** The resource (process) of a proxy's spans: its service.name and pod. */
export function proxyResource(place: ProxyPlace): { service: string; pod?: string } {
  if (place.family === "linkerd2-proxy") return { service: "linkerd-proxy", pod: place.pod };
  if (place.group === "gateway") return { service: "istio-ingressgateway.istio-system", pod: place.pod };
  if (place.group === "waypoint") return { service: `waypoint.${NAMESPACE}` };
  if (place.group.startsWith("envoy/")) return { service: "cilium-envoy" };
  return { service: `${place.workload}.${NAMESPACE}`, pod: place.pod };
}

/** A proxy span's name, kind (true: server) and attributes. */
export function proxySpan(place: ProxyPlace): { name: string; server: boolean; attributes: AttributeMap } {
  const authority = `${serviceHost(place.callee)}:${SERVICE_PORT}`;
  const status = place.status === 0 ? 200 : place.status;
  if (place.family === "linkerd2-proxy") {
    return {
      name: `/${place.callee}`,
      server: place.inbound,
      attributes: { "http.method": "GET", "http.path": `/${place.callee}`, "http.authority": authority, "http.status_code": status },
    };
  }
  const gateway = place.group === "gateway";
  const role = gateway ? "router" : place.group === "waypoint" ? "waypoint" : "sidecar";
  const canonical = gateway ? "istio-ingressgateway" : place.group === "waypoint" ? "waypoint" : place.group.startsWith("envoy/") ? undefined : place.workload;
  const namespace = gateway ? "istio-system" : NAMESPACE;
  return {
    name: `${authority}/*`,
    server: place.inbound && !gateway && place.group !== "waypoint",
    attributes: {
      component: "proxy",
      node_id: `${role}~${place.ip}~${place.pod}.${namespace}~${namespace}.svc.cluster.local`,
      upstream_cluster: place.inbound && !gateway ? `inbound|${SERVICE_PORT}||` : `outbound|${SERVICE_PORT}||${serviceHost(place.callee)}`,
      ...(canonical ? { "istio.canonical_service": canonical } : {}),
      "istio.namespace": namespace,
      "http.method": "GET",
      "http.url": `http://${authority}/${place.callee}`,
      "http.protocol": place.protocol === "http1" ? "HTTP/1.1" : "HTTP/2",
      "http.status_code": String(status),
      response_flags: place.status === 0 ? "-" : "UF",
    },
  };
}

// --- internal ---

/** Known database, cache and broker products, told from the service's name. */
const SYSTEMS = ["mongodb", "mysql", "mariadb", "postgresql", "redis", "memcached", "cassandra", "elasticsearch", "rabbitmq", "kafka", "nats"];

function systemOf(service: Service): string {
  const name = service.name.toLowerCase();
  const known = SYSTEMS.find((system) => name.includes(system) || (system === "postgresql" && name.includes("postgres")));
  if (known) return known;
  // An unknown product: its own name, except that SQL databases have a generic value.
  return service.kind === "db" ? "other_sql" : service.name;
}

/** Kubernetes' alphabet for generated names (no vowels, no look-alike digits). */
const K8S_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function k8sChars(seed: number, length: number): string {
  let value = seed;
  let text = "";
  for (let i = 0; i < length; i++) {
    text += K8S_ALPHABET[value % K8S_ALPHABET.length];
    value = (Math.floor(value / K8S_ALPHABET.length) ^ (Math.imul(value, 0x01000193) >>> 7)) >>> 0;
  }
  return text;
}
