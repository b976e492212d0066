/**
 * Small hand-made results documents for check tests: runs whose figures are set by the test, so
 * the checks are tested without simulating.
 */

import type { LatencySummary, ResultsDocument, RunSummary } from "../../src/runner/index.js";

export interface RunShape {
  mesh?: string;
  rps?: number;
  p50?: number;
  p99?: number;
  /** ci95 of p50 and p99; null for one replication. */
  ci95?: { p50: [number, number] | null; p99: [number, number] | null } | null;
  failed?: number;
  completed?: number;
  vcpu?: number;
  memoryMb?: number;
  cost?: number;
  /** Request types and their p99 (their other figures follow the run's). */
  types?: Record<string, number>;
  replications?: number;
}

/**
 * A run with figures that follow from p50 and p99.
 * @example makeRun({ mesh: "istio", p99: 2 }).latencyMs.p99 // 2
 */
export function makeRun(shape: RunShape = {}): RunSummary {
  const p50 = shape.p50 ?? 1;
  const p99 = shape.p99 ?? 4;
  // Rounded as the results document rounds (4 decimals), which also keeps float noise out of tests.
  const round = (value: number) => Math.round(value * 1e4) / 1e4;
  const latency = (p99Value: number): LatencySummary => ({
    mean: round(p50 * 1.1),
    p50,
    p90: round((p50 + p99Value) / 2),
    p99: p99Value,
    p999: round(p99Value * 1.5),
    max: round(p99Value * 2),
    ...(shape.ci95 === null ? { ci95: { p50: null, p99: null } } : { ci95: shape.ci95 ?? { p50: [round(p50 * 0.9), round(p50 * 1.1)], p99: [round(p99Value * 0.9), round(p99Value * 1.1)] } }),
  });
  const requests = { completed: shape.completed ?? 1000, failed: shape.failed ?? 0, failedByReason: {} };
  const types = shape.types ?? { browse: p99 };
  return {
    mesh: shape.mesh ?? "istio",
    mtls: "permissive",
    rps: shape.rps ?? 100,
    durationS: 10,
    replications: shape.replications ?? 4,
    throughputPerSec: shape.rps ?? 100,
    requests,
    latencyMs: latency(p99),
    byRequestType: Object.fromEntries(Object.entries(types).map(([name, typeP99]) => [name, { latencyMs: latency(typeP99), requests }])),
    connections: { opened: 0, resumed: 0, closedIdle: 0, handshakes: 0, handshakesPerRequest: 0 },
    hops: [],
    resources: {
      dataPlane: { vcpu: shape.vcpu ?? 0.5, memoryMb: shape.memoryMb ?? 100, proxies: 4 },
      controlPlane: { vcpu: 0.1, memoryMb: 50 },
      app: { vcpu: 1 },
      ...(shape.cost !== undefined ? { monthlyCost: { dataPlane: shape.cost - 1, controlPlane: 1, total: shape.cost, currency: "USD" } } : {}),
    },
    warnings: [],
  };
}

/**
 * A run of `mesh` that completed no request (every one failed): its percentiles are NaN, as a
 * run holds them in memory (null in the file).
 * @example failingRun("istio").latencyMs.p99 // NaN
 */
export function failingRun(mesh: string, rps = 100): RunSummary {
  const run = makeRun({ mesh, rps, completed: 0, failed: 1000, ci95: null });
  const none = { ...run.latencyMs, mean: 0, p50: NaN, p90: NaN, p99: NaN, p999: NaN, max: 0 };
  return { ...run, latencyMs: none, byRequestType: { browse: { latencyMs: none, requests: run.requests } } };
}

/**
 * A results document around runs.
 * @example makeResults([makeRun()]).runs.length // 1
 */
export function makeResults(runs: RunSummary[], options: { seed?: number; sha256?: string; name?: string } = {}): ResultsDocument {
  return {
    schemaVersion: 1,
    meta: { tool: "meshsim", version: "0.0.0", wallSeconds: 0, workers: 1, host: { platform: "linux", arch: "x64", cpus: 1, node: "v20" } },
    scenario: { name: options.name ?? "shop", sha256: options.sha256 ?? "a".repeat(64) },
    seed: options.seed ?? 1,
    runs,
  };
}
