/**
 * What each sidecar is configured for: every service and meshed endpoint of the mesh, or only the
 * services its workload calls and their meshed endpoints (mesh.proxyScope, a profile's
 * dataPlane.proxyScope). A sidecar's memory per service and per endpoint, and its control plane's
 * cross terms, follow from it.
 */

import { LOAD_GENERATOR, type ProxyScope, type Topology } from "../model/index.js";
import { callEdges } from "./call-edges.js";

/** The services and meshed endpoints one sidecar is configured for. */
export interface SidecarConfig {
  services: number;
  endpoints: number;
}

/** Each meshed service's sidecar configuration, by service name, and the load generator's (when it is meshed). */
export interface SidecarConfigs {
  byService: Map<string, SidecarConfig>;
  client: SidecarConfig;
}

/**
 * The configuration of every sidecar of `topology` under `scope`. Under `mesh` each knows every
 * service (meshed or not, external ones too: each has a cluster) and every meshed endpoint
 * (`meshedPods`, the load generator's included when it is meshed). Under `callees` each knows the
 * services its workload calls (a traffic rule's host as its backends) and their meshed pods; the
 * load generator's sidecar, the entry services.
 * @example sidecarConfigs(topology, "callees", 5).byService.get("web") // { services: 2, endpoints: 3 }
 */
export function sidecarConfigs(topology: Topology, scope: ProxyScope, meshedPods: number): SidecarConfigs {
  const everything: SidecarConfig = { services: topology.services.length, endpoints: meshedPods };
  if (scope === "mesh") return { byService: new Map(topology.services.map((service) => [service.name, everything])), client: everything };
  const meshedReplicas = new Map(topology.services.map((service) => [service.name, service.meshed && !service.external ? service.replicas : 0]));
  // Who calls whom, the load generator included (its callees: the entry services).
  const callees = new Map<string, Set<string>>();
  for (const edge of callEdges(topology)) callees.set(edge.from, (callees.get(edge.from) ?? new Set<string>()).add(edge.to));
  const configOf = (names: Set<string> | undefined): SidecarConfig => ({
    services: names?.size ?? 0,
    endpoints: [...(names ?? [])].reduce((sum, name) => sum + (meshedReplicas.get(name) ?? 0), 0),
  });
  return {
    byService: new Map(topology.services.map((service) => [service.name, configOf(callees.get(service.name))])),
    client: configOf(callees.get(LOAD_GENERATOR)),
  };
}
