/**
 * The protocol a Service port speaks, from its `appProtocol` or from its name as Istio and Linkerd
 * read it (`<protocol>[-<suffix>]`: http-web, grpc, tcp-db, mongo, redis), with the kind of service
 * it suggests (a database or a cache for their wire protocols).
 */

export interface PortProtocol {
  protocol: "http1" | "http2" | "grpc" | "tcp";
  kind?: "http" | "grpc" | "db" | "cache" | "queue";
  /** "appProtocol grpc", "port name http2-web". */
  from: string;
}

/**
 * @example portProtocol({ name: "grpc-api", port: 50051 }) // { protocol: "grpc", kind: "grpc", from: "port name grpc-api" }
 */
export function portProtocol(port: { name?: string; appProtocol?: string }): PortProtocol | undefined {
  if (port.appProtocol) {
    const known = PROTOCOLS[port.appProtocol.toLowerCase()];
    if (known) return { ...known, from: `appProtocol ${port.appProtocol}` };
  }
  if (port.name) {
    const prefix = port.name.toLowerCase().split("-")[0];
    const known = PROTOCOLS[prefix];
    if (known) return { ...known, from: `port name ${port.name}` };
  }
  return undefined;
}

// --- internal ---

const PROTOCOLS: Record<string, Omit<PortProtocol, "from">> = {
  http: { protocol: "http1", kind: "http" },
  "kubernetes.io/ws": { protocol: "http1", kind: "http" },
  "grpc-web": { protocol: "http1", kind: "http" },
  http2: { protocol: "http2", kind: "http" },
  "kubernetes.io/h2c": { protocol: "http2", kind: "http" },
  h2c: { protocol: "http2", kind: "http" },
  grpc: { protocol: "grpc", kind: "grpc" },
  tcp: { protocol: "tcp" },
  tls: { protocol: "tcp" },
  https: { protocol: "tcp" },
  mongo: { protocol: "tcp", kind: "db" },
  mongodb: { protocol: "tcp", kind: "db" },
  mysql: { protocol: "tcp", kind: "db" },
  postgres: { protocol: "tcp", kind: "db" },
  postgresql: { protocol: "tcp", kind: "db" },
  redis: { protocol: "tcp", kind: "cache" },
  memcache: { protocol: "tcp", kind: "cache" },
  memcached: { protocol: "tcp", kind: "cache" },
  amqp: { protocol: "tcp", kind: "queue" },
  kafka: { protocol: "tcp", kind: "queue" },
};
