/**
 * The golden signals of a run per service, as `linkerd viz stat` prints them (requests per second,
 * success rate, p50/p95/p99 latency), and the p99 of each call edge for the service graph, from the
 * calls its replications recorded, merged exactly (the same numbers with any workers or shards).
 */

import { LOAD_GENERATOR } from "../../mesh/index.js";
import type { Topology } from "../../mesh/index.js";
import type { CallTotals } from "../replication/index.js";
import type { ReplicationResult } from "../replication/index.js";
import type { ServiceSignals } from "../results/index.js";
import { LatencyHistogram } from "../../stats/index.js";
import { mergeHistograms } from "./summarize-run.js";
import { round } from "../results/index.js";

export interface GoldenSignals {
  /** Services that served calls in the window, in topology order. */
  services: ServiceSignals[];
  /** p99 of the calls along each edge that carried some, ms, by `${from} -> ${to}`. */
  edgeP99Ms: Map<string, number>;
}

/**
 * The signals of `replications` (all of one run); undefined when they recorded no calls (a run
 * without telemetry).
 */
export function goldenSignals(topology: Topology, replications: ReplicationResult[]): GoldenSignals | undefined {
  const recorded = replications.map((replication) => replication.calls).filter((calls): calls is CallTotals => calls !== undefined);
  if (recorded.length === 0) return undefined;
  const windowMs = replications.reduce((sum, replication) => sum + replication.windowMs, 0);
  const names = topology.services.map((service) => service.name);
  const services: ServiceSignals[] = [];
  // One histogram for every merge below, each read before the next.
  const merged = new LatencyHistogram();
  names.forEach((name, index) => {
    const parts = recorded.map((calls) => calls.services[index]);
    const signals = signalsOf(name, parts, windowMs, merged);
    if (signals) services.push(signals);
  });
  const edges = new Map<string, Array<CallTotals["edges"][number]>>();
  for (const calls of recorded) {
    for (const edge of calls.edges) {
      const key = `${edge.from < 0 ? LOAD_GENERATOR : names[edge.from]} -> ${names[edge.to]}`;
      const list = edges.get(key) ?? [];
      list.push(edge);
      edges.set(key, list);
    }
  }
  const edgeP99Ms = new Map<string, number>();
  for (const [key, parts] of edges) {
    mergeHistograms(parts.map((part) => part.latency), merged);
    if (merged.count > 0) edgeP99Ms.set(key, round(merged.valueAtPercentile(99)));
  }
  return { services, edgeP99Ms };
}

// --- internal ---

function signalsOf(service: string, parts: Array<CallTotals["services"][number]>, windowMs: number, into: LatencyHistogram): ServiceSignals | undefined {
  const completed = parts.reduce((sum, part) => sum + part.completed, 0);
  const failed = parts.reduce((sum, part) => sum + part.failed, 0);
  const calls = completed + failed;
  if (calls === 0) return undefined;
  const merged = mergeHistograms(parts.map((part) => part.latency), into);
  return {
    service,
    requestsPerSec: round(windowMs > 0 ? (calls / windowMs) * 1000 : 0),
    successRate: round(completed / calls),
    latencyMs: { p50: round(merged.valueAtPercentile(50)), p95: round(merged.valueAtPercentile(95)), p99: round(merged.valueAtPercentile(99)) },
  };
}
