/**
 * Records the calls each service serves, as the mesh's dashboards count them (`linkerd viz stat`,
 * Kiali's edges): per callee service and per call edge, the attempts sent inside the measurement
 * window, how many failed, and a latency histogram of the ones that came back, from the moment the
 * attempt left the caller to its response's return. Memory: one histogram per service and one per
 * edge the run actually uses, bounded by the topology.
 */

import type { CallSink } from "../../mesh/index.js";
import { LatencyHistogram, type LatencyHistogramJson } from "../../stats/index.js";

/** One replication's calls: per service (topology order) and per edge (caller -1: the load generator). */
export interface CallTotals {
  services: Array<{ completed: number; failed: number; latency: LatencyHistogramJson }>;
  edges: Array<{ from: number; to: number; completed: number; failed: number; latency: LatencyHistogramJson }>;
}

/** A CallSink that keeps the window's attempts per service and per edge. */
export class CallRecorder implements CallSink {
  readonly #services: CallCounts[];
  /** Edges by (caller + 1) x services + callee; made the first time an edge is used. */
  readonly #edges: Array<CallCounts | undefined>;
  readonly #serviceCount: number;
  readonly #windowStartMs: number;
  readonly #windowEndMs: number;

  constructor(serviceCount: number, windowStartMs: number, windowEndMs: number) {
    this.#serviceCount = serviceCount;
    this.#services = Array.from({ length: serviceCount }, () => new CallCounts());
    this.#edges = new Array<CallCounts | undefined>((serviceCount + 1) * serviceCount).fill(undefined);
    this.#windowStartMs = windowStartMs;
    this.#windowEndMs = windowEndMs;
  }

  returned(callerService: number, calleeService: number, sentMs: number, nowMs: number, failed: boolean): void {
    // Like the requests, an attempt counts when it was sent inside the window.
    if (calleeService < 0 || sentMs < this.#windowStartMs || sentMs >= this.#windowEndMs) return;
    const index = (callerService + 1) * this.#serviceCount + calleeService;
    let edge = this.#edges[index];
    if (edge === undefined) {
      edge = new CallCounts();
      this.#edges[index] = edge;
    }
    const latencyMs = nowMs - sentMs;
    this.#services[calleeService].add(latencyMs, failed);
    edge.add(latencyMs, failed);
  }

  /** The window's totals, edges in index order (caller, then callee), so every run lists them alike. */
  totals(): CallTotals {
    const edges: CallTotals["edges"] = [];
    this.#edges.forEach((edge, index) => {
      if (edge === undefined) return;
      edges.push({ from: Math.floor(index / this.#serviceCount) - 1, to: index % this.#serviceCount, ...edge.toJSON() });
    });
    return { services: this.#services.map((service) => service.toJSON()), edges };
  }
}

// --- internal ---

/** Attempts and the latency of every one that came back (failed ones included: an error also takes time). */
class CallCounts {
  readonly latency = new LatencyHistogram();
  completed = 0;
  failed = 0;

  add(latencyMs: number, failed: boolean): void {
    this.latency.record(latencyMs);
    if (failed) this.failed += 1;
    else this.completed += 1;
  }

  toJSON(): { completed: number; failed: number; latency: LatencyHistogramJson } {
    return { completed: this.completed, failed: this.failed, latency: this.latency.toJSON() };
  }
}
