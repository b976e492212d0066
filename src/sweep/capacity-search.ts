/**
 * The search for the highest load within an SLO: read the bracket off the load points already
 * run (the highest passing load below the first failing one), then narrow it by bisection.
 */

/** What happened at one load point. */
export interface LoadOutcome {
  rps: number;
  passes: boolean;
  /** Not simulated: a station would be at or above 100% utilisation (counts as failing). */
  overloaded: boolean;
  /** Simulated, but failing requests (runner's runFailure): no latency meets an SLO then. */
  failing?: boolean;
  /** The SLO's statistic, ms; null when overloaded. */
  valueMs: number | null;
}

export interface SloBracket {
  /** The highest load that passed, with every lower load passing too; null when the lowest failed. */
  pass: LoadOutcome | null;
  /** The lowest load that failed; null when all passed. */
  fail: LoadOutcome | null;
}

/** Bisection narrows the bracket to a tenth of the range's step. */
export const REFINE_STEPS_PER_STEP = 10;

/**
 * The bracket from outcomes at any set of loads. A load above a failure does not count even if
 * it passes (noise, or a system that sheds load): capacity means every lower load is fine too.
 * @example sloBracket([{ rps: 100, passes: true, ... }, { rps: 200, passes: false, ... }]) // pass 100, fail 200
 */
export function sloBracket(outcomes: LoadOutcome[]): SloBracket {
  const sorted = [...outcomes].sort((a, b) => a.rps - b.rps);
  const failAt = sorted.findIndex((outcome) => !outcome.passes);
  if (failAt < 0) return { pass: sorted.at(-1) ?? null, fail: null };
  return { pass: failAt > 0 ? sorted[failAt - 1] : null, fail: sorted[failAt] };
}

/**
 * Narrows a bracket by bisection until its loads are at most `resolutionRps` apart (midpoints
 * are whole requests/s when the resolution is 1 or more). A bracket with an open end is
 * returned as is: there is nothing to bisect.
 * Cost: about log2(width / resolution) calls of `evaluate`.
 * @returns the narrowed bracket and every outcome evaluated, in order
 * @example await refineBracket(bracket, 10, (rps) => simulateAt(rps))
 */
export async function refineBracket(
  bracket: SloBracket,
  resolutionRps: number,
  evaluate: (rps: number) => Promise<LoadOutcome>,
): Promise<{ bracket: SloBracket; evaluated: LoadOutcome[] }> {
  if (!(resolutionRps > 0)) throw new RangeError(`resolution must be positive, got ${resolutionRps}`);
  let { pass, fail } = bracket;
  const evaluated: LoadOutcome[] = [];
  while (pass !== null && fail !== null && fail.rps - pass.rps > resolutionRps) {
    const middle = (pass.rps + fail.rps) / 2;
    const rps = resolutionRps >= 1 ? Math.round(middle) : middle;
    if (rps <= pass.rps || rps >= fail.rps) break;
    const outcome = await evaluate(rps);
    evaluated.push(outcome);
    if (outcome.passes) pass = outcome;
    else fail = outcome;
  }
  return { bracket: { pass, fail }, evaluated };
}
