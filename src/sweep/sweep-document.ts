/**
 * The results document `meshsim sweep` writes: the results document of `meshsim run` (same
 * fields, same `runs[]` entries) plus a `sweep` object saying what was varied and, with an SLO,
 * the highest load each mesh sustains within it.
 */

import type { ResultsDocument, RunSummary } from "../runner/index.js";
import type { Slo } from "./slo.js";

/** A scenario value set from the command line (`--set path=value`). */
export type ParameterValue = string | number | boolean;

/** A run of a sweep: a `runs[]` entry, plus the `--set` values it ran with (when any). */
export interface SweepRun extends RunSummary {
  /** Dotted scenario path to value, e.g. `{ "services.2.replicas": 2 }`; absent without --set. */
  parameters?: Record<string, ParameterValue>;
}

/** Per mesh (and `--set` values), the highest load found within the SLO. */
export interface SloCapacity {
  mesh: string;
  parameters?: Record<string, ParameterValue>;
  /**
   * The highest load, requests/s, that met the SLO with every lower load tried meeting it too;
   * null when even the lowest load failed.
   */
  maxRps: number | null;
  /** The SLO's latency (ms) at `maxRps`; null with `maxRps`. */
  valueMs: number | null;
  /** The lowest load that failed; null when every load tried met the SLO. */
  firstFailingRps: number | null;
  /** Why `firstFailingRps` failed: its latency, a station at or above 100% utilisation, or failed requests. */
  failedBy: "latency" | "overload" | "failures" | null;
}

/** A load point that was not simulated because the system could not keep up with it. */
export interface OverloadedPoint {
  mesh: string;
  rps: number;
  parameters?: Record<string, ParameterValue>;
  reason: string;
}

export interface SweepInfo {
  /** The load points asked for, requests/s, ascending. */
  rates: number[];
  /** The range form of --rps (`start..end:step`), when it was used. */
  range?: { start: number; end: number; step: number };
  /** Each --set: the path and its values, in command-line order. */
  parameters: { path: string; values: ParameterValue[] }[];
  slo?: Slo;
  /** Bisection stops when the bracket is this narrow, requests/s (range form with --slo only). */
  resolutionRps?: number;
  capacity?: SloCapacity[];
  overloaded: OverloadedPoint[];
}

/** A mesh `--mesh all` left out of a variant because it cannot express the variant's settings. */
export interface SkippedSweepMesh {
  mesh: string;
  reason: string;
  parameters?: Record<string, ParameterValue>;
}

export interface SweepDocument extends Omit<ResultsDocument, "runs" | "skippedMeshes"> {
  runs: SweepRun[];
  skippedMeshes?: SkippedSweepMesh[];
  sweep: SweepInfo;
}
