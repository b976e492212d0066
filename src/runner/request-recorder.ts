/**
 * Records the latency of every request whose intended send time falls in the measurement
 * window (after warm-up, before the end of the load), overall and per request type.
 */

import { LatencyHistogram } from "../stats/index.js";

/** Latency histograms and counts for one replication. */
export class RequestRecorder {
  readonly overall = new LatencyHistogram();
  readonly byType: LatencyHistogram[];
  /** Failed requests by reason name, overall and per request type. */
  readonly failedByReason: Record<string, number> = {};
  readonly failedByTypeAndReason: Array<Record<string, number>>;
  readonly #windowStartMs: number;
  readonly #windowEndMs: number;

  constructor(requestTypes: number, windowStartMs: number, windowEndMs: number) {
    this.byType = Array.from({ length: requestTypes }, () => new LatencyHistogram());
    this.failedByTypeAndReason = Array.from({ length: requestTypes }, () => ({}));
    this.#windowStartMs = windowStartMs;
    this.#windowEndMs = windowEndMs;
  }

  /** Records a completed request if it was sent inside the window. */
  completed(requestType: number, intendedStartMs: number, nowMs: number): void {
    if (intendedStartMs < this.#windowStartMs || intendedStartMs >= this.#windowEndMs) return;
    const latency = nowMs - intendedStartMs;
    this.overall.record(latency);
    this.byType[requestType].record(latency);
  }

  /** Counts a failed request if it was sent inside the window; its latency is not recorded. */
  failed(requestType: number, intendedStartMs: number, reason: string): void {
    if (intendedStartMs < this.#windowStartMs || intendedStartMs >= this.#windowEndMs) return;
    this.failedByReason[reason] = (this.failedByReason[reason] ?? 0) + 1;
    const byType = this.failedByTypeAndReason[requestType];
    byType[reason] = (byType[reason] ?? 0) + 1;
  }
}
