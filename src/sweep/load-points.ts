/**
 * The one syntax of `--rps`, for `run` and `sweep` alike: a list (`100,200,400`) or a range
 * (`100..1000:100`, end included).
 */

export interface LoadPoints {
  /** Requests per second, without repeats: a list in the order given, a range ascending. */
  rates: number[];
  /** Present for the range form. */
  range?: { start: number; end: number; step: number };
}

/** Most points one range may expand to (a typo like 1..100000:1 is refused, not run). */
export const MAX_RANGE_POINTS = 1000;

/**
 * Parses a list or a range of positive request rates. A list keeps its order (a run's results
 * follow it; a sweep sorts its loads itself).
 * @throws RangeError saying what the text should look like, or naming a rate the list repeats (it would run twice)
 * @example parseLoadPoints("100..300:100").rates // [100, 200, 300]
 */
export function parseLoadPoints(text: string): LoadPoints {
  const trimmed = text.trim();
  const range = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(trimmed);
  if (range) {
    const [start, end, step] = range.slice(1).map(Number);
    if (!(start > 0) || !(end >= start) || !(step > 0)) {
      throw new RangeError(`range must be start..end:step with 0 < start <= end and step > 0, got ${JSON.stringify(text)}`);
    }
    const count = Math.floor((end - start) / step + 1e-9) + 1;
    if (count > MAX_RANGE_POINTS) throw new RangeError(`range ${JSON.stringify(text)} has ${count} points, more than ${MAX_RANGE_POINTS}`);
    // Multiply rather than accumulate, so 0.1 steps do not drift.
    const rates = Array.from({ length: count }, (_, index) => Number((start + index * step).toPrecision(12)));
    return { rates, range: { start, end, step } };
  }
  const parts = trimmed.split(",").map((part) => part.trim());
  const rates = parts.map(Number);
  if (parts.some((part) => !/^\d+(\.\d+)?$/.test(part)) || rates.some((rate) => !(rate > 0))) {
    throw new RangeError(`must be positive numbers separated by commas (100,200,400) or a range start..end:step (100..1000:100), got ${JSON.stringify(text)}`);
  }
  const repeated = rates.find((rate, index) => rates.indexOf(rate) !== index);
  if (repeated !== undefined) throw new RangeError(`names ${repeated} twice, got ${JSON.stringify(text)}`);
  return { rates };
}
