/**
 * The decision of `npm run bench:check`: each case's speed as a ratio to the reference loop of
 * its own process, compared with the committed baseline's ratio. A case fails when its ratio
 * falls more than the tolerance below the baseline's.
 */

import { median } from "simple-statistics";
import { alignColumns } from "./align-columns.js";

/** One case's line, printed by speed-case.ts. */
export interface SpeedResult {
  case: string;
  requests: number;
  rounds: number;
  /** Median simulated requests per CPU second of the case process over the rounds. */
  requestsPerSec: number;
  /** Median reference-loop operations per CPU second around the rounds, same process. */
  referenceOpsPerSec: number;
  /** Median over the rounds of requests/s over the reference loop's rate around that round: what the gate compares. */
  ratio: number;
}

/** The line one case process prints: every round's figures, for the medians over all processes. */
export interface SpeedRounds {
  case: string;
  requests: number;
  /** Simulated requests per CPU second, one per round. */
  simulationRates: number[];
  /** Reference-loop operations per CPU second, before and after each round. */
  referenceRates: number[];
  /** Each round's rate over the mean of the reference rates around it. */
  ratios: number[];
}

/**
 * One case's result from its processes' rounds: medians over every round of every process, so a
 * process whose compiled code came out slower or faster than usual (it happens: V8 decides what to
 * inline by what it has seen so far) moves the result by a round or two, not all of it.
 * @throws RangeError when there are no rounds
 * @example combineRounds([line1, line2, line3]).ratio
 */
export function combineRounds(lines: readonly SpeedRounds[]): SpeedResult {
  const ratios = lines.flatMap((line) => line.ratios);
  if (ratios.length === 0) throw new RangeError("a speed case needs at least one round");
  return {
    case: lines[0].case,
    requests: lines[0].requests,
    rounds: ratios.length,
    requestsPerSec: Math.round(median(lines.flatMap((line) => line.simulationRates))),
    referenceOpsPerSec: Math.round(median(lines.flatMap((line) => line.referenceRates))),
    ratio: Math.round(median(ratios) * 1e4) / 1e4,
  };
}

/** bench/results/speed-baseline.json (and latest-speed.json). */
export interface SpeedReport {
  schemaVersion: 1;
  generatedAt: string;
  host: { cpu: string; cores: number; node: string; platform: string };
  cases: SpeedResult[];
}

export interface SpeedRow {
  case: string;
  ratio: number;
  baselineRatio?: number;
  /** ratio / baselineRatio - 1. */
  change?: number;
  status: "ok" | "slower" | "faster" | "no baseline";
}

/** How far below the baseline's ratio a case may fall by default, percent. */
export const DEFAULT_TOLERANCE_PCT = 20;

/**
 * Compares the cases with the baseline.
 * @example compareSpeed(latest, baseline, 20).failing
 */
export function compareSpeed(latest: SpeedResult[], baseline: SpeedReport | undefined, tolerancePct: number): { rows: SpeedRow[]; failing: boolean } {
  const rows = latest.map((result): SpeedRow => {
    const reference = baseline?.cases.find((candidate) => candidate.case === result.case);
    if (reference === undefined) return { case: result.case, ratio: result.ratio, status: "no baseline" };
    const change = result.ratio / reference.ratio - 1;
    const status = change < -tolerancePct / 100 ? "slower" : change > tolerancePct / 100 ? "faster" : "ok";
    return { case: result.case, ratio: result.ratio, baselineRatio: reference.ratio, change, status };
  });
  return { rows, failing: rows.some((row) => row.status === "slower") };
}

/**
 * The table and verdict as text.
 * @example console.log(formatSpeedTable(latest, compareSpeed(latest, baseline, 20), 20))
 */
export function formatSpeedTable(latest: SpeedResult[], comparison: { rows: SpeedRow[]; failing: boolean }, tolerancePct: number): string {
  const header = ["case", "requests/s", "reference ops/s", "ratio", "baseline", "change", "result"];
  const lines = latest.map((result, index) => {
    const row = comparison.rows[index];
    return [
      result.case,
      `${(result.requestsPerSec / 1e6).toFixed(2)} M`,
      `${(result.referenceOpsPerSec / 1e6).toFixed(2)} M`,
      result.ratio.toFixed(4),
      row.baselineRatio === undefined ? "-" : row.baselineRatio.toFixed(4),
      row.change === undefined ? "-" : `${row.change >= 0 ? "+" : ""}${(row.change * 100).toFixed(1)}%`,
      row.status === "slower" ? "SLOWER" : row.status,
    ];
  });
  const verdict = comparison.rows.every((row) => row.status === "no baseline")
    ? "no baseline to compare with"
    : comparison.failing
    ? `FAILED: simulation speed fell more than ${tolerancePct}% below the baseline (as a ratio to the reference loop)`
    : comparison.rows.some((row) => row.status === "faster")
      ? `passed; faster than the baseline by more than ${tolerancePct}%: refresh it with npm run bench:check -- --update`
      : `passed: within ${tolerancePct}% of the baseline`;
  return [...alignColumns([header, ...lines], [0, 6]), "", verdict].join("\n");
}
