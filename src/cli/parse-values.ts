/**
 * Parsers for flag values (durations, counts, lists), each failing with a UsageError that
 * names the flag and the value it got.
 */

import { DURATION_EXAMPLES, parseDuration } from "../scenario/index.js";
import { MAX_SHARD_COUNT, type ShardSpec } from "../runner/index.js";
import { parseLoadPoints, type LoadPoints } from "../sweep/index.js";
import { UsageError } from "./usage-error.js";

/**
 * Seconds from a duration in meshsim's one grammar (`30s`, `500ms`, `1m30s`, `250us`; see
 * scenario/duration.ts) or a bare number of seconds.
 * @example parseDurationS("1m30s", "--duration") // 90
 */
export function parseDurationS(text: string, flag: string, options: { allowZero?: boolean } = {}): number {
  const seconds = parseDuration(text, "s", "s");
  if (seconds === undefined) throw new UsageError(`${flag} must be a duration like ${DURATION_EXAMPLES}, got ${JSON.stringify(text)}`);
  if (!(seconds > 0) && !(options.allowZero && seconds === 0)) {
    throw new UsageError(`${flag} must be longer than 0, got ${JSON.stringify(text)}`);
  }
  return seconds;
}

/**
 * A positive integer.
 * @example parsePositiveInteger("4", "--workers") // 4
 */
export function parsePositiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return value;
}

/**
 * A non-negative integer (seeds).
 * @example parseNonNegativeInteger("0", "--seed") // 0
 */
export function parseNonNegativeInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UsageError(`${flag} must be a non-negative integer, got ${JSON.stringify(text)}`);
  }
  return value;
}

/**
 * The loads of `--rps`, in the syntax `run` and `sweep` share (sweep/load-points.ts): a list, in
 * the order given, or a range start..end:step.
 * @throws UsageError naming the flag for anything else, or a rate the list repeats
 * @example parseRps("100..300:100", "--rps").rates // [100, 200, 300]
 */
export function parseRps(text: string, flag: string): LoadPoints {
  try {
    return parseLoadPoints(text);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`${flag} ${error.message}`);
    throw error;
  }
}

/**
 * A comma-separated list of words (mesh ids, files): none empty, none repeated.
 * @throws UsageError naming the flag for an empty list, an empty entry or a repeated one
 * @example parseList("istio, linkerd2", "--mesh") // ["istio", "linkerd2"]
 */
export function parseList(text: string, flag: string): string[] {
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => entry === "")) {
    throw new UsageError(`${flag} must be values separated by commas, none empty, got ${JSON.stringify(text)}`);
  }
  const repeated = entries.find((entry, index) => entries.indexOf(entry) !== index);
  if (repeated !== undefined) throw new UsageError(`${flag} names ${JSON.stringify(repeated)} twice`);
  return entries;
}

/**
 * One of a fixed set of words.
 * @example parseChoice("strict", ["off", "permissive", "strict"], "--mtls") // "strict"
 */
export function parseChoice<T extends string>(text: string, choices: readonly T[], flag: string): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${flag} must be one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
}

/**
 * A ratio above 0 and at most 1 (a sampling ratio).
 * @throws UsageError naming the flag otherwise
 * @example parseRatio("0.05", "--trace-sample") // 0.05
 */
export function parseRatio(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value > 0 && value <= 1)) throw new UsageError(`${flag} must be a ratio above 0 and at most 1, got ${JSON.stringify(text)}`);
  return value;
}

/**
 * `--shard i/N` of `run` and `sweep`: the i-th of N shards.
 * @example parseShard("2/4") // { index: 2, count: 4 }
 */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/N with 1 <= i <= N, got ${JSON.stringify(text)}`);
  }
  // merge refuses more shards than this, so a run must not write them.
  if (count > MAX_SHARD_COUNT) throw new UsageError(`--shard allows at most ${MAX_SHARD_COUNT} shards, got ${JSON.stringify(text)}`);
  return { index, count };
}
