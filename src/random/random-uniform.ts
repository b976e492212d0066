/**
 * The continuous uniform distribution of durations between two bounds.
 */

import { checkUniformBounds } from "./_check.js";
import type { Rng } from "./rng.js";

/**
 * Creates a sampler of durations uniform in [minMs, maxMs). Mean (minMs + maxMs) / 2,
 * variance (maxMs - minMs)^2 / 12.
 *
 * @param rng - uniform source.
 * @param minMs - lower bound in milliseconds; finite and at least 0.
 * @param maxMs - upper bound in milliseconds; finite and at least `minMs` (equal gives a constant).
 * @throws RangeError naming `minMs` or `maxMs` when a bound is invalid.
 * @example randomUniform(createRng(1), 10, 20)(); // 10 <= x < 20
 */
export function randomUniform(rng: Rng, minMs: number, maxMs: number): () => number {
  checkUniformBounds(minMs, maxMs);
  const widthMs = maxMs - minMs;
  return () => minMs + widthMs * rng();
}
