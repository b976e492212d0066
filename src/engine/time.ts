/**
 * Simulated time. One unit project-wide: milliseconds, held in a double. Every duration in
 * src/ is in these units unless its name says otherwise (`durationS`, `ratePerSec`).
 */

/** Simulated time in milliseconds since the start of a run. */
export type SimTime = number;

/** Milliseconds in one simulated second. */
export const MS_PER_SECOND = 1000;

/**
 * Converts seconds to simulated milliseconds.
 * @example secondsToSimTime(1.5) // 1500
 */
export function secondsToSimTime(seconds: number): SimTime {
  return seconds * MS_PER_SECOND;
}
