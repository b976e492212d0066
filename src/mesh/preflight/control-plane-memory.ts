/**
 * The control plane's memory as the mesh it configures grows: a base, a cost per proxy it
 * configures and per service in its registry, and the cross terms that grow with each proxy's
 * configuration (istiod keeps, per connected proxy, what it pushes: every service and endpoint
 * the proxy may reach, fewer under Sidecar scoping). The one place this formula lives.
 */

import type { ControlPlaneCost } from "../model/index.js";

/** What a control plane configures: its xDS clients and, summed over them, what each is configured for. */
export interface ControlPlaneLoad {
  /** Proxies it configures: sidecars; or node agents, ztunnels, Cilium agents and waypoints. */
  proxies: number;
  /** Meshed services in its registry. */
  services: number;
  /** The services each proxy is configured for, summed over the proxies. */
  proxyServices: number;
  /** The endpoints each proxy is configured for, summed over the proxies. */
  proxyEndpoints: number;
}

/**
 * `proxies` proxies, each configured for every one of `knownServices` services and `endpoints`
 * endpoints (no Sidecar scoping), in a registry of `services` meshed services.
 * @example unscopedLoad(4, 3, 3, 4).proxyEndpoints // 16
 */
export function unscopedLoad(proxies: number, services: number, knownServices: number, endpoints: number): ControlPlaneLoad {
  return { proxies, services, proxyServices: proxies * knownServices, proxyEndpoints: proxies * endpoints };
}

/**
 * Memory of the control plane, MB: `baseMemoryMb` + `memoryPerProxyMb` x proxies +
 * `memoryPerServiceMb` x services + (`memoryPerProxyPerServiceKb` x proxy-services +
 * `memoryPerProxyPerEndpointKb` x proxy-endpoints) / 1024. Absent cross terms count 0.
 * @example controlPlaneMemoryMb({ ...cost, baseMemoryMb: 400, memoryPerProxyMb: 1, memoryPerServiceMb: 0, memoryPerProxyPerServiceKb: 1 }, unscopedLoad(2, 1000, 1000, 2)) // 400 + 2 + 2000 / 1024
 */
export function controlPlaneMemoryMb(cost: ControlPlaneCost, load: ControlPlaneLoad): number {
  const crossKb = (cost.memoryPerProxyPerServiceKb ?? 0) * load.proxyServices + (cost.memoryPerProxyPerEndpointKb ?? 0) * load.proxyEndpoints;
  return cost.baseMemoryMb + cost.memoryPerProxyMb * load.proxies + cost.memoryPerServiceMb * load.services + crossKb / 1024;
}
