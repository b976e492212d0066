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
  /** Why the model misses this figure, when it is a known miss (printed; not a failure of `meshsim validate`). */
  knownMiss?: string;
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

/**
 * Whether a row fails `meshsim validate`: it misses its tolerance and is not a known miss.
 * @example failsValidation({ ...row, pass: false, knownMiss: "an older release" }) // false
 */
export function failsValidation(row: ValidationRow): boolean {
  return !row.pass && row.knownMiss === undefined;
}
