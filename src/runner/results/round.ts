/**
 * How the results document writes its measured numbers.
 */

/** Rounds to 4 decimals (0.1 µs for milliseconds): stable, readable output. */
export function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : value;
}
