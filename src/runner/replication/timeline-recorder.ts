/**
 * Results over time for one replication: the measured window cut into intervals, each counting
 * what happened in it as a dashboard scraping every interval would see it (requests sent,
 * requests completed with their latencies, failures, each node's CPU), in bounded memory: one
 * compact histogram per interval, allocated when the interval first completes a request.
 */

import { CompactHistogram, type PackedCompactHistogram } from "../../stats/index.js";

/** Most intervals a run may be cut into: an hour at the default 1 s (10 KiB of histogram each). */
export const MAX_TIMELINE_INTERVALS = 3600;

/** One interval as a replication measured it; merged over replications by summarizeTimeline. */
export interface TimelineIntervalTotals {
  /** Requests whose intended send time fell in the interval. */
  offered: number;
  /** Latencies of the requests that completed in the interval (whenever they were sent), packed: a run has thousands. */
  latency: PackedCompactHistogram;
  /** Requests that failed in the interval, by reason. */
  failedByReason: Record<string, number>;
  /** CPU each node's containers used in the interval, ms (only when the scenario declares machines). */
  nodeCpuMs?: number[];
  /** CPU each service's pods (app and sidecar) used in the interval, ms, in scenario order. */
  serviceCpuMs?: number[];
  /** Each service's pods ready (in its callers' balancing) at the interval's end, in scenario order (only when a service autoscales). */
  replicas?: number[];
  /** Each service's pods pending (no node had room) at the interval's end, in scenario order (only when a service autoscales). */
  pending?: number[];
}

/** What a replication sends back of its timeline. */
export interface TimelineTotals {
  intervalMs: number;
  intervals: TimelineIntervalTotals[];
}

/**
 * Counts per interval of `intervalMs` over [windowStartMs, windowEndMs); the last interval may
 * be shorter. Anything outside the window is left to the run's totals.
 * @example const timeline = new TimelineRecorder(1000, 31000, 1000); timeline.completed(1500, 2.5);
 */
export class TimelineRecorder {
  readonly intervalMs: number;
  readonly count: number;
  readonly #startMs: number;
  readonly #endMs: number;
  readonly #offered: Float64Array;
  readonly #latency: Array<CompactHistogram | undefined>;
  readonly #failed: Array<Record<string, number>>;
  #nodeCpuMs: number[][] | undefined;
  #serviceCpuMs: number[][] | undefined;
  #replicas: number[][] | undefined;
  #pending: number[][] | undefined;

  constructor(windowStartMs: number, windowEndMs: number, intervalMs: number) {
    this.intervalMs = intervalMs;
    this.count = intervalCount(windowEndMs - windowStartMs, intervalMs);
    this.#startMs = windowStartMs;
    this.#endMs = windowEndMs;
    this.#offered = new Float64Array(this.count);
    this.#latency = new Array<CompactHistogram | undefined>(this.count).fill(undefined);
    this.#failed = Array.from({ length: this.count }, () => ({}));
  }

  /** Counts a request sent (intended) at `intendedStartMs`. O(1). */
  offered(intendedStartMs: number): void {
    const index = this.#indexOf(intendedStartMs);
    if (index >= 0) this.#offered[index] += 1;
  }

  /** Records a request completed at `nowMs` after `latencyMs`. O(1); allocates once per interval. */
  completed(nowMs: number, latencyMs: number): void {
    const index = this.#indexOf(nowMs);
    if (index < 0) return;
    (this.#latency[index] ??= new CompactHistogram()).record(latencyMs);
  }

  /** Counts a request failed at `nowMs` for `reason`. O(1). */
  failed(nowMs: number, reason: string): void {
    const index = this.#indexOf(nowMs);
    if (index < 0) return;
    const counts = this.#failed[index];
    counts[reason] = (counts[reason] ?? 0) + 1;
  }

  /** Sets the CPU each node used in interval `index`, ms. */
  setNodeCpu(index: number, cpuMs: number[]): void {
    (this.#nodeCpuMs ??= Array.from({ length: this.count }, () => cpuMs.map(() => 0)))[index] = cpuMs;
  }

  /** Sets the CPU each service's pods used in interval `index`, ms. */
  setServiceCpu(index: number, cpuMs: number[]): void {
    (this.#serviceCpuMs ??= Array.from({ length: this.count }, () => cpuMs.map(() => 0)))[index] = cpuMs;
  }

  /** Sets each service's ready pods at the end of interval `index`. */
  setReplicas(index: number, replicas: number[]): void {
    (this.#replicas ??= Array.from({ length: this.count }, () => replicas.map(() => 0)))[index] = replicas;
  }

  /** Sets each service's pending pods at the end of interval `index`. */
  setPending(index: number, pending: number[]): void {
    (this.#pending ??= Array.from({ length: this.count }, () => pending.map(() => 0)))[index] = pending;
  }

  /** The intervals as plain data, for the worker's reply. */
  totals(): TimelineTotals {
    const empty = new CompactHistogram().toPacked();
    const intervals = Array.from({ length: this.count }, (_, index): TimelineIntervalTotals => ({
      offered: this.#offered[index],
      latency: this.#latency[index]?.toPacked() ?? empty,
      failedByReason: this.#failed[index],
      ...(this.#nodeCpuMs ? { nodeCpuMs: this.#nodeCpuMs[index] } : {}),
      ...(this.#serviceCpuMs ? { serviceCpuMs: this.#serviceCpuMs[index] } : {}),
      ...(this.#replicas ? { replicas: this.#replicas[index] } : {}),
      ...(this.#pending ? { pending: this.#pending[index] } : {}),
    }));
    return { intervalMs: this.intervalMs, intervals };
  }

  // --- internal ---

  #indexOf(ms: number): number {
    if (ms < this.#startMs || ms >= this.#endMs) return -1;
    return Math.min(this.count - 1, Math.floor((ms - this.#startMs) / this.intervalMs));
  }
}

/** Length of an interval when none is asked for, s: the default scrape of Nighthawk and k6's summaries. */
export const DEFAULT_INTERVAL_S = 1;

/**
 * The interval of a run of `durationS` when none is asked for: 1 s, or as many whole seconds as
 * keep the intervals within MAX_TIMELINE_INTERVALS.
 * @example defaultIntervalS(30) // 1
 */
export function defaultIntervalS(durationS: number): number {
  return Math.max(DEFAULT_INTERVAL_S, Math.ceil(durationS / MAX_TIMELINE_INTERVALS));
}

/**
 * Intervals of `intervalMs` covering `windowMs`, the last possibly shorter.
 * @example intervalCount(30000, 1000) // 30
 */
export function intervalCount(windowMs: number, intervalMs: number): number {
  // A window that is a whole number of intervals up to float noise (0.3 s / 0.1 s) gets no sliver.
  return Math.max(1, Math.ceil(windowMs / intervalMs - 1e-9));
}
