/**
 * Service Mesh Performance (SMP, smp-spec.io) results as far as meshsim reads and writes them:
 * the spec's PerformanceTestConfig, PerformanceTestResult and ServiceMeshConfig messages
 * (protos/service_mesh_performance.proto) in their proto field names, snake_case. Readers also
 * accept protobuf's JSON names (latenciesMs, actualQPS, cpuMCores, …) and a bare
 * PerformanceTestResult.
 */

import { ScenarioError } from "../scenario/index.js";
import type { Measurement, MeasuredResources } from "./measurement.js";

/** PerformanceTestResult.Latency: milliseconds. */
export interface SmpLatencies {
  min?: number;
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface SmpResourceFigures {
  count?: number;
  cpu_mCores?: number;
  mem_mb?: number;
  rps?: number;
}

/** One run as SMP documents it: the test, its result and the mesh's configuration and cost. */
export interface SmpDocument {
  performance_test_config: {
    smp_version: string;
    id: string;
    name: string;
    labels: Record<string, string>;
    clients: Array<{ internal: boolean; load_generator: string; protocol: string; connections?: number; rps: number }>;
    duration: string;
  };
  performance_test_result: {
    smp_version: string;
    id: string;
    labels: Record<string, string>;
    start_time: string;
    end_time: string;
    latencies_ms: SmpLatencies;
    actual_QPS: number;
    testId: string;
    meshConfigId: string;
  };
  service_mesh_config: {
    smp_version: string;
    id: string;
    labels: Record<string, string>;
    sidecar?: SmpResourceFigures;
    mesh_control_plane?: SmpResourceFigures;
    mtls_enabled: boolean;
    /** ServiceMeshes { type }: appmesh, consul, istio, kuma, linkerd, maesh, … */
    mesh_type?: { type: string };
  };
}

/**
 * Whether a parsed file holds SMP results.
 * @example isSmpResult({ performance_test_result: {} }) // true
 */
export function isSmpResult(value: unknown): boolean {
  if (!isObject(value)) return false;
  return ["performance_test_result", "performanceTestResult", "latencies_ms", "latenciesMs"].some((field) => field in value);
}

/**
 * Reads SMP results into a Measurement.
 * @throws ScenarioError naming the file and the SMP field at fault
 */
export function parseSmpResult(value: unknown, file: string): Measurement {
  const fail = (field: string, problem: string) => new ScenarioError(file, field, problem);
  if (!isObject(value)) throw fail("", "is not an SMP result");
  const resultField = pick(value, "performance_test_result", "performanceTestResult");
  const result = resultField ? value[resultField] : value;
  const at = resultField ? `${resultField}.` : "";
  if (!isObject(result)) throw fail(resultField ?? "", "must be an object");
  const latencyField = pick(result, "latencies_ms", "latenciesMs");
  const latencies = latencyField ? result[latencyField] : undefined;
  if (!isObject(latencies)) throw fail(`${at}latencies_ms`, "must be an object with p50, p90, p99 in ms");
  const number = (object: Record<string, unknown>, name: string, where: string): number | undefined => {
    const figure = object[name];
    if (figure === undefined || figure === null) return undefined;
    if (typeof figure !== "number" || !(figure >= 0)) throw fail(`${where}${name}`, `must be a number >= 0, got ${JSON.stringify(figure)}`);
    return figure;
  };
  const percentiles = [50, 90, 99].flatMap((percentile) => {
    const valueMs = number(latencies, `p${percentile}`, `${at}${latencyField}.`);
    return valueMs === undefined ? [] : [{ percentile, valueMs }];
  });
  const meanMs = number(latencies, "average", `${at}${latencyField}.`);
  if (percentiles.length === 0 && meanMs === undefined) throw fail(`${at}${latencyField}`, "has none of p50, p90, p99, average: nothing to compare");
  const qpsField = pick(result, "actual_QPS", "actualQPS", "actual_qps") ?? "actual_QPS";
  const qps = number(result, qpsField, at) ?? requestedRate(value);
  if (qps === undefined || !(qps > 0)) throw fail(`${at}actual_QPS`, "must be a number above 0 (or give performance_test_config.clients[].rps)");
  const meshConfig = value[pick(value, "service_mesh_config", "serviceMeshConfig") ?? ""];
  return {
    file,
    format: "smp",
    qps,
    requestedQps: requestedRate(value),
    percentiles,
    meanMs,
    maxMs: number(latencies, "max", `${at}${latencyField}.`),
    dataPlane: isObject(meshConfig) ? resources(meshConfig, ["sidecar"]) : undefined,
    controlPlane: isObject(meshConfig) ? resources(meshConfig, ["mesh_control_plane", "meshControlPlane"]) : undefined,
    labels: isObject(result.labels) ? Object.entries(result.labels).map(([key, text]) => `${key}=${String(text)}`).join(" ") : undefined,
  };
}

// --- internal ---

function pick(object: Record<string, unknown>, ...names: string[]): string | undefined {
  return names.find((name) => name in object);
}

/** CPU (mCores) and memory (MB) of a ServiceMeshConfig part, in vCPU and MB. */
function resources(meshConfig: Record<string, unknown>, names: string[]): MeasuredResources | undefined {
  const part = meshConfig[pick(meshConfig, ...names) ?? ""];
  if (!isObject(part)) return undefined;
  const cpu = part[pick(part, "cpu_mCores", "cpuMCores", "cpu_m_cores") ?? ""];
  const memory = part[pick(part, "mem_mb", "memMb") ?? ""];
  const figures: MeasuredResources = {};
  if (typeof cpu === "number") figures.vcpu = cpu / 1000;
  if (typeof memory === "number") figures.memoryMb = memory;
  return figures.vcpu === undefined && figures.memoryMb === undefined ? undefined : figures;
}

/** The rate the load generators were asked for, when the result lacks the achieved rate. */
function requestedRate(document: Record<string, unknown>): number | undefined {
  const config = document[pick(document, "performance_test_config", "performanceTestConfig") ?? ""];
  if (!isObject(config) || !Array.isArray(config.clients)) return undefined;
  const rates = config.clients.map((client) => (isObject(client) ? Number(client.rps) : NaN)).filter((rate) => rate > 0);
  return rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
