/**
 * What the report reads: a results document from `meshsim run` or `meshsim merge`, or a sweep
 * document from `meshsim sweep` (the same, plus `sweep` and per-run `parameters`).
 */

import type { ResultsMeta, ResultsDocument } from "../runner/index.js";
import type { SweepInfo, SweepRun } from "../sweep/index.js";

export interface ReportDocument extends Omit<ResultsDocument, "runs" | "meta"> {
  meta?: ResultsMeta;
  runs: SweepRun[];
  sweep?: SweepInfo;
}
