/**
 * The deployment's fixed costs (sidecar memory and idle CPU, requests, the control plane's memory)
 * when an autoscaler changes a service's pods: each stretch of the window costed with the pods
 * bound then, weighted by its length, so a run is charged for the pods it ran rather than for
 * maxReplicas.
 */

import { staticResources, type MeshOptions, type MeshProfile, type StaticResources, type Topology } from "../../mesh/index.js";
import type { PodCountSpan } from "./pod-ledger.js";

/**
 * Time-weighted static resources over `spans` (bound pods per service); `proxies` is the most
 * running at once and `meanProxies` their time-weighted mean. Spans of equal counts are costed once.
 * @example runningResources(topology, istio, mesh, false, [{ durationMs: 1000, pods: [2, 3] }]).proxies
 */
export function runningResources(topology: Topology, profile: MeshProfile, mesh: MeshOptions, clientMeshed: boolean, spans: readonly PodCountSpan[]): StaticResources & { meanProxies: number } {
  const byCounts = new Map<string, { pods: number[]; durationMs: number }>();
  for (const span of spans) {
    const key = span.pods.join(",");
    const entry = byCounts.get(key);
    if (entry) entry.durationMs += span.durationMs;
    else byCounts.set(key, { pods: span.pods, durationMs: span.durationMs });
  }
  const totalMs = spans.reduce((sum, span) => sum + span.durationMs, 0);
  if (byCounts.size === 0 || totalMs <= 0) {
    const whole = staticResources(topology, profile, mesh, clientMeshed);
    return { ...whole, meanProxies: whole.proxies };
  }
  const mean: StaticResources & { meanProxies: number } = {
    meanProxies: 0,
    proxies: 0,
    dataPlaneMemoryMb: 0,
    dataPlaneIdleVcpu: 0,
    dataPlaneRequested: { vcpu: 0, memoryMb: 0 },
    controlPlane: { baseVcpu: 0, vcpuPer1000Rps: 0, memoryMb: 0 },
  };
  for (const { pods, durationMs } of byCounts.values()) {
    const services = topology.services.map((service, index) => ({ ...service, replicas: pods[index] }));
    const cost = staticResources({ ...topology, services }, profile, mesh, clientMeshed);
    const weight = durationMs / totalMs;
    mean.proxies = Math.max(mean.proxies, cost.proxies);
    mean.meanProxies += weight * cost.proxies;
    mean.dataPlaneMemoryMb += weight * cost.dataPlaneMemoryMb;
    mean.dataPlaneIdleVcpu += weight * cost.dataPlaneIdleVcpu;
    mean.dataPlaneRequested.vcpu += weight * cost.dataPlaneRequested.vcpu;
    mean.dataPlaneRequested.memoryMb += weight * cost.dataPlaneRequested.memoryMb;
    mean.controlPlane = { baseVcpu: cost.controlPlane.baseVcpu, vcpuPer1000Rps: cost.controlPlane.vcpuPer1000Rps, memoryMb: mean.controlPlane.memoryMb + weight * cost.controlPlane.memoryMb };
  }
  return mean;
}
