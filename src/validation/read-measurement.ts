/**
 * Reads a measurement file for `meshsim validate --measured`: a Fortio result JSON, SMP results
 * (JSON or YAML), or a Meshery result, whose `runner_results` is Fortio's. The format is told
 * from the fields, not the file name.
 */

import { readDocument, ScenarioError } from "../scenario/index.js";
import { isFortioResult, parseFortioResult } from "./fortio-result.js";
import type { Measurement } from "./measurement.js";
import { isSmpResult, parseSmpResult } from "./smp-result.js";

/**
 * Reads and parses `path`.
 * @throws ScenarioError naming the file (and field) when it is missing, unreadable, or neither format
 * @example readMeasurement("fortio-istio.json").percentiles
 */
export function readMeasurement(path: string): Measurement {
  return parseMeasurement(readDocument(path).value, path);
}

/**
 * Parses an already-read measurement document.
 * @throws ScenarioError naming `file` and the field at fault
 */
export function parseMeasurement(value: unknown, file: string): Measurement {
  if (isFortioResult(value)) return parseFortioResult(value, file);
  const runner = typeof value === "object" && value !== null ? (value as Record<string, unknown>).runner_results : undefined;
  if (isFortioResult(runner)) return parseFortioResult(runner, file, "runner_results.");
  if (isSmpResult(value)) return parseSmpResult(value, file);
  throw new ScenarioError(
    file,
    "",
    "is neither a Fortio result (no DurationHistogram) nor SMP results (no performance_test_result or latencies_ms)",
  );
}
