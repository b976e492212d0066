/**
 * Records the latency of every request whose intended send time falls in the measurement
 * window (after warm-up, before the end of the load), per request type; the overall histogram
 * is their exact merge, taken once at the end rather than recorded twice per request.
 */

import { OverloadError } from "../../mesh/index.js";
import { LatencyHistogram, MAX_RECORDABLE_MS } from "../../stats/index.js";

/**
 * Histograms a finished replication gave back (release), emptied, for the next one this thread
 * runs: a new one costs about 50 µs (280 KiB the collector then tracks), emptying one about 2,
 * and a plan of short replications made 17 per replication of robot-shop (3% of its threads' time).
 */
const spareHistograms: LatencyHistogram[] = [];

/** Latency histograms and counts for one replication. */
export class RequestRecorder {
  readonly byType: LatencyHistogram[];
  /** Failed requests by reason name, overall and per request type. */
  readonly failedByReason: Record<string, number> = {};
  readonly failedByTypeAndReason: Array<Record<string, number>>;
  readonly #windowStartMs: number;
  readonly #windowEndMs: number;

  readonly #typeNames: readonly string[];

  constructor(typeNames: readonly string[], windowStartMs: number, windowEndMs: number) {
    const requestTypes = typeNames.length;
    this.#typeNames = typeNames;
    this.byType = Array.from({ length: requestTypes }, () => spareHistograms.pop() ?? new LatencyHistogram());
    this.failedByTypeAndReason = Array.from({ length: requestTypes }, () => ({}));
    this.#windowStartMs = windowStartMs;
    this.#windowEndMs = windowEndMs;
  }

  /**
   * Records a completed request if it was sent inside the window.
   * @throws OverloadError when it took longer than a histogram records (about 104 days simulated)
   */
  completed(requestType: number, intendedStartMs: number, nowMs: number): void {
    if (intendedStartMs < this.#windowStartMs || intendedStartMs >= this.#windowEndMs) return;
    const latency = nowMs - intendedStartMs;
    if (!(latency < MAX_RECORDABLE_MS)) this.#refuse(requestType);
    this.byType[requestType].record(latency);
  }

  /** Every request type's latencies together: the same as recording each one twice, exactly (merges are exact). */
  overall(): LatencyHistogram {
    const overall = new LatencyHistogram();
    for (const histogram of this.byType) overall.merge(histogram);
    return overall;
  }

  /**
   * Gives the histograms back, emptied, for the next replication's recorder: only once their
   * results are taken (toJSON), as this recorder records nothing more.
   */
  release(): void {
    for (const histogram of this.byType) {
      histogram.reset();
      spareHistograms.push(histogram);
    }
    this.byType.length = 0;
  }

  /** Counts a failed request if it was sent inside the window; its latency is not recorded. */
  failed(requestType: number, intendedStartMs: number, reason: string): void {
    if (intendedStartMs < this.#windowStartMs || intendedStartMs >= this.#windowEndMs) return;
    this.failedByReason[reason] = (this.failedByReason[reason] ?? 0) + 1;
    const byType = this.failedByTypeAndReason[requestType];
    byType[reason] = (byType[reason] ?? 0) + 1;
  }

  #refuse(requestType: number): never {
    // Each time field is at most a day, so only queues that never drain or chains of many long
    // delays get here: the scenario, not a bug, which the run names as an overload (exit 2).
    const name = this.#typeNames[requestType];
    throw new OverloadError(
      `a ${name} request took more than the ${Math.floor(MAX_RECORDABLE_MS / 86_400_000)} simulated days a latency histogram records; ` +
        `the scenario's times are too long for its load (shorten service times, delays or timeouts, or lower the load)`,
      `request/${name}`,
    );
  }
}
