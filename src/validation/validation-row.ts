/**
 * One line of `meshsim validate`: a predicted figure beside the expected one, its relative
 * error and whether that is within the figure's tolerance.
 */

import { round } from "../runner/index.js";

export interface ValidationRow {
  group: string;
  check: string;
  metric: string;
  basis: string;
  predicted: number;
  expected: number;
  errorPct: number;
  tolerancePct: number;
  pass: boolean;
}

/**
 * Compares `predicted` with `expected`.
 * @example compareFigure({ group: "g", check: "c", metric: "mean", basis: "b" }, 5.01, 5, 1).pass // true
 */
export function compareFigure(
  what: Pick<ValidationRow, "group" | "check" | "metric" | "basis">,
  predicted: number,
  expected: number,
  tolerancePct: number,
): ValidationRow {
  const errorPct = ((predicted - expected) / expected) * 100;
  return {
    ...what,
    predicted: round(predicted),
    expected: round(expected),
    errorPct: Math.round(errorPct * 100) / 100,
    tolerancePct,
    pass: Math.abs(errorPct) <= tolerancePct,
  };
}
