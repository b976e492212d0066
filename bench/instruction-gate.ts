/**
 * The decision of `npm run bench:instructions`: how many machine instructions the simulator runs
 * per simulated request, counted by valgrind's cachegrind with V8 in its predictable mode (no
 * background threads), and compared with the committed baseline. Unlike a time, the count does
 * not move with what else the machine runs: two runs of one build agree to about 0.1%, so a
 * change that adds 2% of work to every request shows, where the timed gate (bench:check) has to
 * allow 20% for this machine's noise. A count is not a time (a cache miss costs many
 * instructions' time, and the count includes the collector's work but not its waits), so the two
 * gates go together.
 */

import { alignColumns } from "./align-columns.js";

/** One case's two runs under cachegrind: a smaller and a larger number of requests, same warm-up. */
export interface InstructionRuns {
  /** Requests each timed run completed, and the instructions its whole process ran. */
  small: { requests: number; instructions: number };
  large: { requests: number; instructions: number };
}

/** One case's figure. */
export interface InstructionResult {
  case: string;
  /** Requests of the smaller and the larger run. */
  requests: [number, number];
  /**
   * Instructions per request in the steady state: the larger run's count less the smaller's, over
   * the requests between them. Start-up, loading, the warm-up and the reference loop are the same
   * in both runs, so they cancel.
   */
  instructionsPerRequest: number;
}

/** bench/results/instructions-baseline.json (and latest-instructions.json). */
export interface InstructionReport {
  schemaVersion: 1;
  generatedAt: string;
  /** Counts depend on the CPU (which instructions V8 uses), Node's V8 and valgrind. */
  host: { cpu: string; node: string; valgrind: string; platform: string };
  cases: InstructionResult[];
}

export interface InstructionRow {
  case: string;
  instructionsPerRequest: number;
  baseline?: number;
  /** instructionsPerRequest / baseline - 1. */
  change?: number;
  status: "ok" | "more" | "fewer" | "no baseline";
}

/** How far above the baseline's count a case may go by default, percent. */
export const DEFAULT_INSTRUCTION_TOLERANCE_PCT = 2;

/**
 * The total instructions cachegrind reports on stderr ("==123== I   refs:      4,182,197,170").
 * @throws Error when the output has no such line (valgrind did not run the program to its end)
 * @example parseInstructionCount("==1== I   refs:      4,182,197,170") // 4182197170
 */
export function parseInstructionCount(stderr: string): number {
  const match = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (match === null) throw new Error("cachegrind printed no instruction count (no \"I refs:\" line)");
  return Number(match[1].replaceAll(",", ""));
}

/**
 * A case's instructions per request from its two runs.
 * @throws RangeError when the larger run did not complete more requests than the smaller
 * @example instructionsPerRequest("mm1", { small: { requests: 1e5, instructions: 4.18e9 }, large: { requests: 3e5, instructions: 4.9e9 } }).instructionsPerRequest // 3600
 */
export function instructionsPerRequest(name: string, runs: InstructionRuns): InstructionResult {
  const requests = runs.large.requests - runs.small.requests;
  if (!(requests > 0)) throw new RangeError(`case ${name}: the larger run must complete more requests than the smaller (${runs.large.requests} against ${runs.small.requests})`);
  return {
    case: name,
    requests: [runs.small.requests, runs.large.requests],
    instructionsPerRequest: Math.round((runs.large.instructions - runs.small.instructions) / requests),
  };
}

/**
 * Compares the cases with the baseline: a case fails when it runs more than the tolerance more
 * instructions per request.
 * @example compareInstructions(latest, baseline, 2).failing
 */
export function compareInstructions(latest: InstructionResult[], baseline: InstructionReport | undefined, tolerancePct: number): { rows: InstructionRow[]; failing: boolean } {
  const rows = latest.map((result): InstructionRow => {
    const reference = baseline?.cases.find((candidate) => candidate.case === result.case);
    const own = { case: result.case, instructionsPerRequest: result.instructionsPerRequest };
    if (reference === undefined) return { ...own, status: "no baseline" };
    const change = result.instructionsPerRequest / reference.instructionsPerRequest - 1;
    const status = change > tolerancePct / 100 ? "more" : change < -tolerancePct / 100 ? "fewer" : "ok";
    return { ...own, baseline: reference.instructionsPerRequest, change, status };
  });
  return { rows, failing: rows.some((row) => row.status === "more") };
}

/**
 * What differs between this run's host and the baseline's, as a warning line (counts from another
 * CPU, Node or valgrind are not comparable); undefined when nothing does.
 * @example hostMismatch(latest.host, baseline.host) // "the baseline was counted on Node 20.19.0, this run on 20.20.2: ..."
 */
export function hostMismatch(latest: InstructionReport["host"], baseline: InstructionReport["host"]): string | undefined {
  const differences = (["cpu", "node", "valgrind", "platform"] as const)
    .filter((key) => latest[key] !== baseline[key])
    .map((key) => `${key} ${baseline[key]} there, ${latest[key]} here`);
  if (differences.length === 0) return undefined;
  return `the baseline was counted elsewhere (${differences.join("; ")}); counts may differ between hosts: to compare two builds here, count the first with npm run bench:instructions -- --update`;
}

/**
 * The table and verdict as text; with `notJudged` (why the counts cannot be judged, hostMismatch's
 * line), that reason stands in for the verdict.
 * @example console.log(formatInstructionTable(compareInstructions(latest, baseline, 2), 2))
 */
export function formatInstructionTable(comparison: { rows: InstructionRow[]; failing: boolean }, tolerancePct: number, notJudged?: string): string {
  const header = ["case", "instructions/request", "baseline", "change", "result"];
  const lines = comparison.rows.map((row) => [
    row.case,
    row.instructionsPerRequest.toLocaleString("en-US"),
    row.baseline === undefined ? "-" : row.baseline.toLocaleString("en-US"),
    row.change === undefined ? "-" : `${row.change >= 0 ? "+" : ""}${(row.change * 100).toFixed(2)}%`,
    row.status === "more" ? "MORE" : row.status,
  ]);
  const verdict = notJudged !== undefined
    ? `not judged: ${notJudged}`
    : comparison.rows.every((row) => row.status === "no baseline")
    ? "no baseline to compare with"
    : comparison.failing
      ? `FAILED: more than ${tolerancePct}% more instructions per request than the baseline`
      : comparison.rows.some((row) => row.status === "fewer")
        ? `passed; fewer instructions than the baseline by more than ${tolerancePct}%: refresh it with npm run bench:instructions -- --update`
        : `passed: within ${tolerancePct}% of the baseline`;
  return [...alignColumns([header, ...lines], [0, 4]), "", verdict].join("\n");
}
