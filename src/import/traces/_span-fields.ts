/**
 * Field checks shared by the trace format readers: each names the file and the field path of a
 * bad value ("traces.json: data[0].spans[3].startTime must be a number of microseconds").
 */

import { ScenarioError } from "../../scenario/index.js";
import type { AttributeValue } from "./span.js";

/**
 * Where a value sits, for messages: the file and the field path inside it. The path is put together
 * only when asked for (an error, a span's source): building it for every field read made reading
 * spans several times slower.
 */
export interface FieldAt {
  file: string;
  readonly path: string;
}

export function at(parent: FieldAt, key: string | number): FieldAt {
  return {
    file: parent.file,
    get path() {
      return typeof key === "number" ? `${parent.path}[${key}]` : `${parent.path}.${key}`;
    },
  };
}

/** @throws ScenarioError naming the field */
export function fail(where: FieldAt, problem: string): never {
  throw new ScenarioError(where.file, where.path, problem);
}

/** A field of `parent` (or `parent` itself when `key` is undefined): the checks below take both, and join them only to fail. */
type Key = string | number | undefined;

function failAt(parent: FieldAt, key: Key, problem: string): never {
  return fail(key === undefined ? parent : at(parent, key), problem);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @throws ScenarioError unless `value` is a mapping */
export function object(where: FieldAt, key: Key, value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) failAt(where, key, `must be ${what} (a JSON object), got ${show(value)}`);
  return value;
}

/** A list, or [] when absent. @throws ScenarioError for anything else */
export function list(where: FieldAt, key: Key, value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) failAt(where, key, `must be a list, got ${show(value)}`);
  return value;
}

/** @throws ScenarioError unless `value` is a non-empty string */
export function text(where: FieldAt, key: Key, value: unknown, what = "a non-empty string"): string {
  if (typeof value !== "string" || value === "") failAt(where, key, value === undefined ? "is missing" : `must be ${what}, got ${show(value)}`);
  return value;
}

export function optionalText(where: FieldAt, key: Key, value: unknown): string | undefined {
  return value === undefined || value === null || value === "" ? undefined : text(where, key, value);
}

/**
 * A span or trace id as lower-case hex. Ids are compared as text, so 64-bit Zipkin ids padded to
 * 128 bits by one tracer and not by another still match.
 * @throws ScenarioError unless `value` is a hex string
 */
export function hexId(where: FieldAt, key: Key, value: unknown): string {
  const id = text(where, key, value, "a hex id");
  if (!/^[0-9a-fA-F]{1,32}$/.test(id)) failAt(where, key, `must be a hex id of up to 32 digits, got ${show(value)}`);
  return id.toLowerCase().replace(/^0+(?=.)/, "");
}

/**
 * A count of time units (Jaeger and Zipkin microseconds; OTLP nanoseconds, written as a string
 * because it overflows a double's integers) in milliseconds.
 * @throws ScenarioError unless `value` is a non-negative integer or its decimal text
 */
export function timeMs(where: FieldAt, key: Key, value: unknown, unitsPerMs: number, unit: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value / unitsPerMs;
  if (typeof value === "string" && /^\d+$/.test(value)) {
    // Keep microseconds exact: whole milliseconds and the remainder apart, before dividing.
    const big = BigInt(value);
    const perMs = BigInt(unitsPerMs);
    return Number(big / perMs) + Number(big % perMs) / unitsPerMs;
  }
  return failAt(where, key, value === undefined ? "is missing" : `must be a non-negative number of ${unit}, got ${show(value)}`);
}

/** An attribute value flattened: scalars as they are, anything else as its JSON. */
export function flatten(value: unknown): AttributeValue {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  return JSON.stringify(value) ?? "";
}

/** A bad value as shown in a message: JSON on one line, cut short. */
export function show(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
}
