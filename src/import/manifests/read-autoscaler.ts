/**
 * Reads a HorizontalPodAutoscaler (autoscaling/v2, v2beta2, v2beta1 and v1): its target workload,
 * minReplicas, maxReplicas and CPU Utilization target, which a scenario's services[].autoscaling
 * holds; and, by name, what it cannot hold (other metrics, behavior), so nothing is dropped silently.
 */

import type { Manifest } from "../traffic/index.js";
import { describe, fail, get, isObject, list } from "./_objects.js";

/** An autoscaler as read, before it meets its workload. */
export interface ReadAutoscaler {
  /** "k8s/shop.yaml: HorizontalPodAutoscaler frontend". */
  source: string;
  target: { kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  /** The CPU Utilization target, percent of requests; undefined when it scales on other metrics only. */
  targetCpuUtilization?: number;
  /** Where the target came from: `spec.metrics[0] cpu Utilization 70%`, or Kubernetes' default. */
  targetFrom?: string;
  /** Metrics and settings the simulated autoscaler does not follow, each in words. */
  notFollowed: string[];
}

/**
 * What the controller uses when an autoscaler names no metric: 80% CPU utilisation
 * (kubernetes.io API reference, HorizontalPodAutoscalerSpec.metrics and v1 targetCPUUtilizationPercentage).
 */
export const DEFAULT_HPA_CPU_UTILIZATION = 80;

/**
 * @throws ScenarioError naming the object and field for a malformed replica bound
 * @example readAutoscaler(manifest).targetCpuUtilization // 70
 */
export function readAutoscaler(manifest: Manifest): ReadAutoscaler {
  const target = get(manifest, ["spec", "scaleTargetRef"]);
  const bound = (key: "minReplicas" | "maxReplicas", fallback?: number): number => {
    const value = get(manifest, ["spec", key]) ?? fallback;
    if (!(Number.isInteger(value) && (value as number) >= 1)) fail(manifest, ["spec", key], `must be a whole number of replicas, at least 1, got ${JSON.stringify(value)}`);
    return value as number;
  };
  const minReplicas = bound("minReplicas", 1);
  const maxReplicas = bound("maxReplicas");
  if (minReplicas > maxReplicas) fail(manifest, ["spec", "minReplicas"], `must be at most maxReplicas (${maxReplicas}), got ${minReplicas}`);
  const read: ReadAutoscaler = {
    source: describe(manifest),
    target: { kind: isObject(target) ? String(target.kind) : "", name: isObject(target) ? String(target.name) : "" },
    minReplicas,
    maxReplicas,
    notFollowed: [],
  };
  const v1Target = get(manifest, ["spec", "targetCPUUtilizationPercentage"]);
  const metrics = list(manifest, ["spec", "metrics"]);
  if (v1Target !== undefined) {
    if (!(typeof v1Target === "number" && v1Target > 0)) fail(manifest, ["spec", "targetCPUUtilizationPercentage"], `must be a positive percentage, got ${JSON.stringify(v1Target)}`);
    read.targetCpuUtilization = v1Target;
    read.targetFrom = `spec.targetCPUUtilizationPercentage ${v1Target}%`;
  } else if (metrics.length === 0) {
    read.targetCpuUtilization = DEFAULT_HPA_CPU_UTILIZATION;
    read.targetFrom = `no metrics: Kubernetes' default, ${DEFAULT_HPA_CPU_UTILIZATION}% CPU utilisation`;
  }
  metrics.forEach((metric, index) => {
    const utilization = cpuUtilizationOf(metric);
    if (utilization !== undefined && read.targetCpuUtilization === undefined) {
      read.targetCpuUtilization = utilization;
      read.targetFrom = `spec.metrics[${index}] cpu Utilization ${utilization}%`;
    } else {
      read.notFollowed.push(`metric ${describeMetric(metric)}`);
    }
  });
  if (get(manifest, ["spec", "behavior"]) !== undefined) read.notFollowed.push("spec.behavior (its own scaling policies and windows; the simulation applies Kubernetes' defaults)");
  return read;
}

// --- internal ---

/** A Resource metric on cpu with an Utilization target (v2, v2beta2), or targetAverageUtilization (v2beta1). */
function cpuUtilizationOf(metric: unknown): number | undefined {
  if (!isObject(metric) || metric.type !== "Resource" || !isObject(metric.resource) || metric.resource.name !== "cpu") return undefined;
  const resource = metric.resource;
  const target = isObject(resource.target) ? resource.target : undefined;
  const value = target ? (target.type === "Utilization" ? target.averageUtilization : undefined) : resource.targetAverageUtilization;
  return typeof value === "number" && value > 0 ? value : undefined;
}

/** `memory Utilization 70%`, `Pods http_requests_per_second AverageValue 100`, `cpu AverageValue 500m`. */
function describeMetric(metric: unknown): string {
  if (!isObject(metric)) return JSON.stringify(metric);
  const type = String(metric.type);
  const source = [metric.resource, metric.containerResource, metric.pods, metric.object, metric.external].find(isObject);
  if (!source) return type;
  const name = isObject(source.metric) ? String(source.metric.name) : String(source.name ?? "");
  const target = isObject(source.target) ? source.target : undefined;
  const value = target ? (target.averageUtilization !== undefined ? `${String(target.averageUtilization)}%` : String(target.averageValue ?? target.value ?? "")) : "";
  const container = typeof source.container === "string" ? ` of container ${source.container}` : "";
  return [type === "Resource" ? "" : type, `${name}${container}`, target ? String(target.type) : "", value].filter(Boolean).join(" ");
}
