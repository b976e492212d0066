/**
 * The degenerate distribution: every sample is the same duration.
 */

import { checkNonNegative } from "./_check.js";
import type { Rng } from "./rng.js";

/**
 * Creates a sampler that always returns `valueMs`. It takes an `rng` it never calls so that
 * every factory has the same `(rng, ...parameters)` shape.
 *
 * @param rng - unused; kept for a uniform factory signature.
 * @param valueMs - the duration in milliseconds; finite and at least 0.
 * @throws RangeError when `valueMs` is negative or not finite.
 * @example randomConstant(createRng(1), 5)(); // 5
 */
export function randomConstant(rng: Rng, valueMs: number): () => number {
  checkNonNegative("valueMs", valueMs);
  return () => valueMs;
}
