/**
 * Records the latency of every request whose intended send time falls in the measurement
 * window (after warm-up, before the end of the load), overall and per request type.
 */

import { LatencyHistogram } from "../stats/index.js";

/** Latency histograms and counts for one replication. */
export class RequestRecorder {
  readonly overall = new LatencyHistogram();
  readonly byType: LatencyHistogram[];
  readonly #windowStartMs: number;
  readonly #windowEndMs: number;

  constructor(requestTypes: number, windowStartMs: number, windowEndMs: number) {
    this.byType = Array.from({ length: requestTypes }, () => new LatencyHistogram());
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
}
