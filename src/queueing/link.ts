/**
 * A network path between two places: a fixed one-way propagation delay plus serialisation of
 * the payload at the link's bandwidth. Links never queue (an infinite-server delay).
 */

/** Bits per millisecond in one Gbit/s. */
const BITS_PER_MS_PER_GBPS = 1e6;

/**
 * One-way network delay as a function of payload size.
 * @example new Link(0.1, 10).delayMs(1024) // 0.1 ms + 1024 B at 10 Gbit/s
 */
export class Link {
  readonly oneWayMs: number;
  readonly #msPerByte: number;

  constructor(oneWayMs: number, bandwidthGbps: number) {
    if (!(oneWayMs >= 0)) throw new RangeError(`link oneWayMs must be a non-negative number, got ${oneWayMs}`);
    if (!(bandwidthGbps > 0)) {
      throw new RangeError(`link bandwidthGbps must be a positive number, got ${bandwidthGbps}`);
    }
    this.oneWayMs = oneWayMs;
    this.#msPerByte = 8 / (bandwidthGbps * BITS_PER_MS_PER_GBPS);
  }

  /** Delay in ms for a message of `bytes` bytes. */
  delayMs(bytes: number): number {
    return this.oneWayMs + bytes * this.#msPerByte;
  }
}
