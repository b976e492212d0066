/**
 * The data form of a distribution of durations (milliseconds), as scenario files write it.
 * `createSampler` in sample-distribution.ts turns one into a fast `() => number`.
 */

export type DistributionSpec =
  | { type: "constant"; valueMs: number }
  | { type: "uniform"; minMs: number; maxMs: number }
  | { type: "exponential"; meanMs: number }
  | { type: "lognormal"; meanMs: number; cv: number }
  | { type: "gamma"; meanMs: number; cv: number }
  | { type: "erlang"; meanMs: number; k: number }
  | { type: "empirical"; bins: ReadonlyArray<{ upToMs: number; weight: number }> };
