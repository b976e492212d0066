/**
 * Records the calls each service serves, as the mesh's dashboards count them (`linkerd viz stat`,
 * Kiali's edges): per callee service and per call edge, the attempts sent inside the measurement
 * window, how many failed, and a latency histogram of the ones that came back, from the moment the
 * attempt left the caller to its response's return. Memory: one histogram per service and one per
 * edge the run actually uses, bounded by the topology.
 */

import { SparseIds } from "../../engine/index.js";
import type { CallSink } from "../../mesh/index.js";
import { LatencyHistogram, type LatencyHistogramJson } from "../../stats/index.js";

/** One replication's calls: per service (topology order) and per edge (caller -1: the load generator). */
export interface CallTotals {
  services: Array<{ completed: number; failed: number; latency: LatencyHistogramJson }>;
  edges: Array<{ from: number; to: number; completed: number; failed: number; latency: LatencyHistogramJson }>;
}

/** A CallSink that keeps the window's attempts per service and per edge. */
export class CallRecorder implements CallSink {
  /** Per callee service, made the first time it is called (a histogram is 280 KiB). */
  readonly #services: Array<CallCounts | undefined>;
  /**
   * Edges made the first time each is used, found by their key ((caller + 1) x services + callee)
   * in #edgeIds, whose ids index #edges and #edgeKeys: (services + 1) x services could be 4 x 10^8.
   */
  readonly #edgeIds: SparseIds;
  readonly #edges: CallCounts[] = [];
  readonly #edgeKeys: number[] = [];
  readonly #serviceCount: number;
  readonly #windowStartMs: number;
  readonly #windowEndMs: number;

  constructor(serviceCount: number, windowStartMs: number, windowEndMs: number) {
    this.#serviceCount = serviceCount;
    this.#edgeIds = new SparseIds((serviceCount + 1) * serviceCount);
    this.#services = new Array<CallCounts | undefined>(serviceCount).fill(undefined);
    this.#windowStartMs = windowStartMs;
    this.#windowEndMs = windowEndMs;
  }

  returned(callerService: number, calleeService: number, sentMs: number, nowMs: number, failed: boolean): void {
    // Like the requests, an attempt counts when it was sent inside the window.
    if (calleeService < 0 || sentMs < this.#windowStartMs || sentMs >= this.#windowEndMs) return;
    const key = (callerService + 1) * this.#serviceCount + calleeService;
    const id = this.#edgeIds.idOf(key);
    let edge: CallCounts;
    if (id >= 0) {
      edge = this.#edges[id];
    } else {
      this.#edgeIds.add(key);
      edge = new CallCounts();
      this.#edges.push(edge);
      this.#edgeKeys.push(key);
    }
    const latencyMs = nowMs - sentMs;
    let service = this.#services[calleeService];
    if (service === undefined) {
      service = new CallCounts();
      this.#services[calleeService] = service;
    }
    service.add(latencyMs, failed);
    edge.add(latencyMs, failed);
  }

  /** The window's totals, edges in index order (caller, then callee), so every run lists them alike. */
  totals(): CallTotals {
    const byKey = this.#edges.map((_, id) => id).sort((a, b) => this.#edgeKeys[a] - this.#edgeKeys[b]);
    const edges: CallTotals["edges"] = byKey.map((id) => {
      const key = this.#edgeKeys[id];
      return { from: Math.floor(key / this.#serviceCount) - 1, to: key % this.#serviceCount, ...this.#edges[id].toJSON() };
    });
    // A service never called has nothing counted: one empty count gives each its own JSON.
    const uncalled = new CallCounts();
    return { services: this.#services.map((service) => (service ?? uncalled).toJSON()), edges };
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
