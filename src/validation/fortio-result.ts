/**
 * Fortio's result JSON (`fortio load -json file`, fortio.org) as far as meshsim reads and
 * writes it: field names are Fortio's own, every duration in seconds except ActualDuration
 * (nanoseconds), and RequestedQPS a string ("1000" or "max").
 */

import { ScenarioError } from "../scenario/index.js";
import type { Measurement } from "./measurement.js";

export interface FortioHistogramBucket {
  Start: number;
  End: number;
  /** Cumulative percentage of requests up to End. */
  Percent: number;
  Count: number;
}

export interface FortioHistogram {
  Count: number;
  Min?: number;
  Max: number;
  Sum: number;
  Avg: number;
  StdDev?: number;
  /** null when empty, as Fortio writes it. */
  Data: FortioHistogramBucket[] | null;
  Percentiles?: Array<{ Percentile: number; Value: number }>;
}

export interface FortioResult {
  RunType: string;
  Labels: string;
  StartTime: string;
  RequestedQPS: string;
  RequestedDuration: string;
  ActualQPS: number;
  /** Nanoseconds. */
  ActualDuration: number;
  NumThreads?: number;
  Version?: string;
  DurationHistogram: FortioHistogram;
  Exactly?: number;
  /** Count per status: HTTP codes ("200", "503"), gRPC states ("SERVING"), -1 for socket errors. */
  RetCodes: Record<string, number>;
  URL?: string;
  [field: string]: unknown;
}

/**
 * Whether a parsed file is a Fortio result.
 * @example isFortioResult({ DurationHistogram: {}, ActualQPS: 1000 }) // true
 */
export function isFortioResult(value: unknown): value is Record<string, unknown> {
  return isObject(value) && "DurationHistogram" in value;
}

/**
 * Reads a parsed Fortio result into a Measurement (seconds become ms).
 * @throws ScenarioError naming the file and the Fortio field at fault
 */
export function parseFortioResult(value: unknown, file: string, at = ""): Measurement {
  const field = (name: string) => `${at}${name}`;
  const fail = (name: string, problem: string) => new ScenarioError(file, field(name), problem);
  if (!isObject(value)) throw fail("", "is not a Fortio result");
  const qps = value.ActualQPS;
  if (typeof qps !== "number" || !(qps > 0)) throw fail("ActualQPS", `must be a number above 0, got ${JSON.stringify(qps) ?? "nothing"}`);
  const histogram = value.DurationHistogram;
  if (!isObject(histogram)) throw fail("DurationHistogram", "must be an object");
  const rawPercentiles = histogram.Percentiles ?? [];
  if (!Array.isArray(rawPercentiles)) throw fail("DurationHistogram.Percentiles", "must be a list");
  const percentiles = rawPercentiles.map((entry, index) => {
    const where = `DurationHistogram.Percentiles[${index}]`;
    if (!isObject(entry)) throw fail(where, "must be an object with Percentile and Value");
    if (typeof entry.Percentile !== "number" || !(entry.Percentile > 0 && entry.Percentile < 100)) {
      throw fail(`${where}.Percentile`, "must be a number between 0 and 100");
    }
    if (typeof entry.Value !== "number" || !(entry.Value >= 0)) throw fail(`${where}.Value`, "must be a number of seconds >= 0");
    return { percentile: entry.Percentile, valueMs: entry.Value * 1000 };
  });
  const avg = optionalNumber(histogram, "Avg", "DurationHistogram", fail);
  if (percentiles.length === 0 && avg === undefined) throw fail("DurationHistogram", "has neither Percentiles nor Avg: nothing to compare");
  const max = optionalNumber(histogram, "Max", "DurationHistogram", fail);
  const count = optionalNumber(histogram, "Count", "DurationHistogram", fail);
  // "1000", or "max" for as fast as possible (older versions wrote a number).
  const requested = Number(value.RequestedQPS);
  return {
    file,
    format: "fortio",
    qps,
    requestedQps: requested > 0 ? requested : undefined,
    percentiles: percentiles.sort((a, b) => a.percentile - b.percentile),
    meanMs: avg === undefined ? undefined : avg * 1000,
    maxMs: max === undefined ? undefined : max * 1000,
    count,
    failedRate: failedRate(value.RetCodes, field("RetCodes"), file),
    labels: typeof value.Labels === "string" ? value.Labels : undefined,
  };
}

// --- internal ---

type Fail = (name: string, problem: string) => ScenarioError;

function optionalNumber(object: Record<string, unknown>, name: string, at: string, fail: Fail): number | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw fail(`${at}.${name}`, `must be a number, got ${JSON.stringify(value)}`);
  return value;
}

/** Calls that did not succeed over all calls: HTTP 2xx and gRPC SERVING succeed, the rest fail. */
function failedRate(retCodes: unknown, field: string, file: string): number | undefined {
  if (retCodes === undefined || retCodes === null) return undefined;
  if (!isObject(retCodes)) throw new ScenarioError(file, field, "must be an object of counts per code");
  let total = 0;
  let failed = 0;
  for (const [code, count] of Object.entries(retCodes)) {
    if (typeof count !== "number" || !(count >= 0)) throw new ScenarioError(file, `${field}.${code}`, "must be a count >= 0");
    total += count;
    if (!/^2\d\d$/.test(code) && code !== "SERVING" && code !== "OK") failed += count;
  }
  return total > 0 ? failed / total : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
