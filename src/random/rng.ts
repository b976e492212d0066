/**
 * The seeded source of uniform numbers every sampler draws from, and the rule that turns
 * a base seed plus a path of names into an independent substream.
 */

import seedrandom from "seedrandom";

/**
 * A source of uniform numbers in [0, 1); each call advances the stream.
 * @example const rng: Rng = createRng(7, "arrivals");
 */
export type Rng = () => number;

/**
 * Creates a seeded xor4096 generator for one purpose, so that every (seed, path) pair owns
 * an independent, reproducible substream: adding a service or a retry draw to a model does
 * not shift the numbers any other part of the model sees.
 *
 * The stream key is `seed/segment/segment/...`. Segments are URI-encoded so that
 * `("a/b")` and `("a", "b")` name different streams; a number and its decimal string
 * (`3` and `"3"`) name the same one. Values have 32 bits of resolution (xor4096's fast
 * call), so 0 can occur and 1 cannot.
 *
 * @param seed - base seed of the run; any finite number.
 * @param path - names and indices that identify the substream (task, purpose, entity).
 * @throws RangeError when `seed` is not a finite number.
 * @example const rng = createRng(1, "rep", 3, "service", "web"); rng(); // 0 <= x < 1
 */
export function createRng(seed: number, ...path: Array<string | number>): Rng {
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  }
  const segments = path.map((segment) => encodeURIComponent(String(segment)));
  const key = [String(seed), ...segments].join("/");
  // The generator object is callable; calling it is faster than its `.double()`.
  return seedrandom.xor4096(key);
}
