/**
 * Reads a results document (results.json) that `check` and `export` are given, and checks the
 * fields they read, so a truncated or hand-edited file fails with one line naming the file and
 * the field instead of a crash halfway through a check.
 */

import { SHARD_KIND, type ResultsDocument } from "../runner/index.js";
import { MAX_RESULTS_BYTES, readDocument, ScenarioError } from "../scenario/index.js";
import { CompactHistogram, LatencyHistogram, type CompactHistogramJson, type LatencyHistogramJson } from "../stats/index.js";

/**
 * Whether a parsed file looks like a results document rather than a scenario.
 * @example looksLikeResults({ schemaVersion: 1, runs: [] }) // true
 */
export function looksLikeResults(value: unknown): boolean {
  return isObject(value) && "runs" in value && ("schemaVersion" in value || "kind" in value);
}

/**
 * Reads and checks `path`.
 * @throws ScenarioError naming the file and the field at fault
 * @example readResults("results.json").runs.length
 */
export function readResults(path: string): ResultsDocument {
  return toResults(readDocument(path, path, MAX_RESULTS_BYTES).value, path);
}

/**
 * Checks an already-parsed value.
 * @throws ScenarioError naming `file` and the field at fault
 */
export function toResults(value: unknown, file: string): ResultsDocument {
  const fail = (field: string, problem: string) => new ScenarioError(file, field, problem);
  if (!isObject(value)) throw fail("", "is not a results document (meshsim run --json writes one)");
  if (value.kind === SHARD_KIND) throw fail("", "is a shard document: join the shards with meshsim merge first");
  if (value.schemaVersion !== 1) throw fail("schemaVersion", `must be 1, got ${JSON.stringify(value.schemaVersion)}`);
  if (!isObject(value.scenario) || typeof value.scenario.name !== "string") throw fail("scenario.name", "must be a string");
  // A check of no runs would pass having checked nothing.
  if (!Array.isArray(value.runs) || value.runs.length === 0) throw fail("runs", "must be a non-empty list (write one with meshsim run --json file)");
  value.runs.forEach((run, index) => checkRun(run, `runs[${index}]`, fail));
  return value as unknown as ResultsDocument;
}

// --- internal ---

type Fail = (field: string, problem: string) => ScenarioError;

const LATENCY_FIELDS = ["mean", "max"];
/** Null only when the run (or request type) completed no request: JSON's spelling of the NaN a run holds in memory. */
const PERCENTILE_FIELDS = ["p50", "p90", "p99", "p999"];

function checkRun(run: unknown, at: string, fail: Fail): void {
  if (!isObject(run)) throw fail(at, "must be an object");
  if (typeof run.mesh !== "string") throw fail(`${at}.mesh`, "must be a string");
  requireNumber(run, "rps", at, fail);
  requireNumber(run, "durationS", at, fail);
  requireNumber(run, "replications", at, fail);
  checkPart(run, at, fail);
  if (!isObject(run.byRequestType)) throw fail(`${at}.byRequestType`, "must be an object");
  for (const [name, part] of Object.entries(run.byRequestType)) {
    if (!isObject(part)) throw fail(`${at}.byRequestType.${name}`, "must be an object");
    checkPart(part, `${at}.byRequestType.${name}`, fail);
  }
  if (!isObject(run.resources)) throw fail(`${at}.resources`, "must be an object");
  for (const plane of ["dataPlane", "controlPlane"]) {
    const resources = run.resources[plane];
    if (!isObject(resources)) throw fail(`${at}.resources.${plane}`, "must be an object");
    requireNumber(resources, "vcpu", `${at}.resources.${plane}`, fail);
    requireNumber(resources, "memoryMb", `${at}.resources.${plane}`, fail);
  }
  const cost = run.resources.monthlyCost;
  if (cost !== undefined && (!isObject(cost) || typeof cost.total !== "number")) throw fail(`${at}.resources.monthlyCost.total`, "must be a number");
  if (run.latencyHistogram !== undefined) checkHistogram(run.latencyHistogram, `${at}.latencyHistogram`, fail);
  if (run.timeline !== undefined) checkTimeline(run.timeline, `${at}.timeline`, fail);
}

/** What a threshold over time reads of each interval: its start, its failures and its latencies. */
function checkTimeline(timeline: unknown, at: string, fail: Fail): void {
  if (!Array.isArray(timeline)) throw fail(at, "must be a list");
  timeline.forEach((entry: unknown, index) => {
    const where = `${at}[${index}]`;
    if (!isObject(entry)) throw fail(where, "must be an object");
    requireNumber(entry, "atS", where, fail);
    requireNumber(entry, "durationS", where, fail);
    const failed = entry.failedByReason;
    if (!isObject(failed) || !Object.values(failed).every((count) => typeof count === "number")) throw fail(`${where}.failedByReason`, "must be an object of counts");
    try {
      CompactHistogram.fromJSON(entry.latencyHistogram as CompactHistogramJson);
    } catch (error) {
      if (error instanceof RangeError) throw fail(`${where}.latencyHistogram`, `is not a latency histogram: ${error.message}`);
      throw error;
    }
  });
}

/** The exports read the histogram's buckets: the stats layer's RangeError becomes one line naming the field, as merge does. */
function checkHistogram(json: unknown, at: string, fail: Fail): void {
  try {
    LatencyHistogram.fromJSON(json as LatencyHistogramJson);
  } catch (error) {
    if (error instanceof RangeError) throw fail(at, `is not a latency histogram: ${error.message}`);
    throw error;
  }
}

/** A run or a request type: latency figures and request counts. */
function checkPart(part: Record<string, unknown>, at: string, fail: Fail): void {
  const requests = part.requests;
  if (!isObject(requests)) throw fail(`${at}.requests`, "must be an object");
  requireNumber(requests, "completed", `${at}.requests`, fail);
  requireNumber(requests, "failed", `${at}.requests`, fail);
  const latency = part.latencyMs;
  if (!isObject(latency)) throw fail(`${at}.latencyMs`, "must be an object");
  for (const field of LATENCY_FIELDS) requireNumber(latency, field, `${at}.latencyMs`, fail);
  for (const field of PERCENTILE_FIELDS) {
    // Read back as the run that wrote it held it, so a check of a file and of a fresh run agree.
    if (latency[field] === null && requests.completed === 0) latency[field] = NaN;
    else requireNumber(latency, field, `${at}.latencyMs`, fail);
  }
}

function requireNumber(object: Record<string, unknown>, field: string, at: string, fail: Fail): void {
  if (typeof object[field] !== "number") throw fail(`${at}.${field}`, `must be a number, got ${JSON.stringify(object[field]) ?? "nothing"}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
