/**
 * The one reader of a results document (results.json, a merge's or a sweep's document), for
 * `check`, `export` and `report`: it checks the file once against the results schema, then what a
 * schema cannot say, so a truncated or hand-edited file fails with one line naming the file and
 * the field instead of a crash halfway through a check or a chart.
 */

import type { ReportDocument } from "../report/index.js";
import { RESULTS_SCHEMA, SHARD_KIND, type ResultsDocument } from "../runner/index.js";
import { createDocumentValidator, MAX_RESULTS_BYTES, readDocument, ScenarioError } from "../scenario/index.js";
import { CompactHistogram, LatencyHistogram, type CompactHistogramJson, type LatencyHistogramJson } from "../stats/index.js";

/**
 * A results document as read from a file: `meta` may be missing (it is the only part that differs
 * between identical runs, so a baseline kept for byte comparison may have had it removed), and a
 * sweep's document carries `sweep`.
 */
export type ResultsInput = Omit<ResultsDocument, "meta"> & Pick<ReportDocument, "meta" | "sweep">;

export interface ReadResultsOptions {
  /**
   * Accept a sweep's document with no run because every load it tried overloaded a station
   * (`sweep.overloaded` lists them): a report can say so, a check would pass having checked nothing.
   */
  acceptOverloadedSweep?: boolean;
}

/**
 * Whether a parsed file looks like a results document rather than a scenario; a shard document
 * counts, so that reading it says to merge it rather than that it is a bad scenario.
 * @example looksLikeResults({ schemaVersion: 1, runs: [] }) // true
 */
export function looksLikeResults(value: unknown): boolean {
  return isObject(value) && (value.kind === SHARD_KIND || ("runs" in value && ("schemaVersion" in value || "kind" in value)));
}

/**
 * Reads and checks `path`.
 * @throws ScenarioError naming the file and the field at fault
 * @example readResults("results.json").runs.length
 */
export function readResults(path: string, options: ReadResultsOptions = {}): ResultsInput {
  return toResults(readDocument(path, path, MAX_RESULTS_BYTES).value, path, options);
}

/**
 * Checks an already-parsed value. A percentile written as null (a run or request type that
 * completed no request) is read back as the NaN the run held in memory, so a check of a file and
 * of a fresh run agree. Linear in the document's size.
 * @throws ScenarioError naming `file` and the field at fault
 */
export function toResults(value: unknown, file: string, options: ReadResultsOptions = {}): ResultsInput {
  const fail = (field: string, problem: string) => new ScenarioError(file, field, problem);
  if (!isObject(value)) throw fail("", "is not a results document (meshsim run --json writes one)");
  if (value.kind === SHARD_KIND) throw fail("", "is a shard document: join the shards with meshsim merge first");
  validateResults(file, value);
  const document = value as unknown as ResultsInput;
  if (document.runs.length === 0) checkNoRuns(document, options, fail);
  document.runs.forEach((run, index) => checkRun(run, `runs[${index}]`, fail));
  return document;
}

// --- internal ---

type Fail = (field: string, problem: string) => ScenarioError;

/**
 * The results schema, less `meta`'s place among the required fields: no reader uses it, and
 * `jq 'del(.meta)'` is how a baseline is made byte-comparable. A `meta` that is present is checked.
 */
const READ_SCHEMA = { ...RESULTS_SCHEMA, required: RESULTS_SCHEMA.required.filter((field) => field !== "meta") };
const validateResults = createDocumentValidator(READ_SCHEMA, { durationStrings: false });

const PERCENTILE_FIELDS = ["p50", "p90", "p99", "p999"] as const;
/** The per-replication lists the summary pairs replication by replication. */
const PAIRED_FIELDS = ["p50", "p99"] as const;

function checkNoRuns(document: ResultsInput, options: ReadResultsOptions, fail: Fail): void {
  const overloaded = document.sweep?.overloaded.length ?? 0;
  if (overloaded === 0) throw fail("runs", "must be a non-empty list (write one with meshsim run --json file)");
  if (!options.acceptOverloadedSweep) throw fail("runs", `is empty: every load the sweep tried overloaded a station (sweep.overloaded lists ${overloaded}), so there is nothing to check`);
}

function checkRun(run: ResultsDocument["runs"][number], at: string, fail: Fail): void {
  checkPart(run, at, fail);
  for (const [name, part] of Object.entries(run.byRequestType)) checkPart(part, `${at}.byRequestType.${name}`, fail);
  // A list that is not one number per replication would pair the wrong replications.
  const perReplication = run.latencyMs.replications;
  for (const field of perReplication === undefined ? [] : PAIRED_FIELDS) {
    const length = perReplication![field].length;
    if (length !== run.replications) throw fail(`${at}.latencyMs.replications.${field}`, `must be a list of ${run.replications} numbers, one per replication, got ${length}`);
  }
  if (run.latencyHistogram !== undefined) checkHistogram(() => LatencyHistogram.fromJSON(run.latencyHistogram as LatencyHistogramJson), `${at}.latencyHistogram`, fail);
  run.timeline?.forEach((entry, index) => {
    checkHistogram(() => CompactHistogram.fromJSON(entry.latencyHistogram as CompactHistogramJson), `${at}.timeline[${index}].latencyHistogram`, fail);
  });
}

/** A run or a request type: a percentile is null only when nothing completed. */
function checkPart(part: Pick<ResultsDocument["runs"][number], "latencyMs" | "requests">, at: string, fail: Fail): void {
  const latency = part.latencyMs as unknown as Record<string, number | null>;
  for (const field of PERCENTILE_FIELDS) {
    if (latency[field] !== null) continue;
    if (part.requests.completed !== 0) throw fail(`${at}.latencyMs.${field}`, `must be a number, got null (null only when no request completed; ${part.requests.completed} did)`);
    latency[field] = NaN;
  }
}

/** The stats layer's RangeError (buckets out of range, counts that do not add up) becomes one line naming the field, as merge does. */
function checkHistogram(parse: () => unknown, at: string, fail: Fail): void {
  try {
    parse();
  } catch (error) {
    if (error instanceof RangeError) throw fail(at, `is not a latency histogram: ${error.message}`);
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
