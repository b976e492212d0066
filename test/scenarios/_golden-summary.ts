/**
 * A short seeded run of a built-in scenario reduced to the figures a reviewer reads: request
 * counts, latency percentiles and per-hop means. Snapshots of these catch any change in what
 * the simulator predicts; a deliberate model change updates them (vitest -u) in its own commit.
 */

import { runScenario, type RunSummary } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";
import type { MtlsMode } from "../../src/mesh/index.js";

export async function goldenSummary(name: string) {
  const scenario = loadScenario(name);
  const document = await runScenario(
    {
      scenario,
      meshes: ["none"],
      mtls: "off",
      rates: [scenario.load.ratePerSec],
      durationS: 5,
      warmupS: 1,
      replications: 2,
      seed: 42,
    },
    { workers: 1 },
  );
  const run = document.runs[0];
  return {
    scenario: document.scenario,
    requests: run.requests,
    latencyMs: run.latencyMs,
    hops: run.hops.map((hop) => ({ station: hop.station, meanMs: hop.meanMs, utilization: hop.utilization })),
  };
}

/** A meshed golden run: which meshes, in which mTLS mode (undefined: each mesh's default), how hard and how long. */
export interface MeshedGoldenOptions {
  meshes: string[];
  mtls?: MtlsMode;
  ratePerSec: number;
  durationS: number;
  warmupS: number;
  seed: number;
}

/**
 * One seeded replication of `name` under each of `options.meshes`, in this process, reduced to
 * a compact summary per mesh id (see compactRun).
 */
export async function meshedGoldenSummaries(name: string, options: MeshedGoldenOptions): Promise<Map<string, ReturnType<typeof compactRun>>> {
  const scenario = loadScenario(name);
  const document = await runScenario(
    {
      scenario,
      meshes: options.meshes,
      mtls: options.mtls,
      rates: [options.ratePerSec],
      durationS: options.durationS,
      warmupS: options.warmupS,
      replications: 1,
      seed: options.seed,
    },
    { workers: 1 },
  );
  return new Map(document.runs.map((run) => [run.mesh, compactRun(run)]));
}

/**
 * What a mesh's prediction is made of, small enough to read in a snapshot: the mTLS mode it
 * ran in, requests, latency (mean, p50, p99), connections and handshakes, data-plane and
 * control-plane cost, and the mean time per visit of every hop group.
 */
export function compactRun(run: RunSummary) {
  const { dataPlane, controlPlane } = run.resources;
  return {
    mtls: run.mtls,
    requests: { completed: run.requests.completed, failed: run.requests.failed, failedByReason: run.requests.failedByReason },
    latencyMs: { mean: run.latencyMs.mean, p50: run.latencyMs.p50, p99: run.latencyMs.p99 },
    connections: { opened: run.connections.opened, handshakes: run.connections.handshakes },
    dataPlane: { vcpu: dataPlane.vcpu, memoryMb: dataPlane.memoryMb, proxies: dataPlane.proxies },
    controlPlane: { vcpu: controlPlane.vcpu, memoryMb: controlPlane.memoryMb },
    hopMeanMs: Object.fromEntries(run.hops.map((hop) => [hop.station, hop.meanMs])),
  };
}
