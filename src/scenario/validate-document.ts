/**
 * Checks a parsed document (a scenario, or a mesh profile) against its JSON Schema with ajv and
 * turns the most specific schema error into one line that names the field, with a "did you
 * mean" for misspelt keys.
 */

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { closest, distance } from "fastest-levenshtein";
import { DURATION_EXAMPLES } from "./duration.js";
import { formatPath } from "./_field-path.js";
import { unitOf } from "./duration-fields.js";
import { loadPrecompiledValidator } from "./precompiled-validators.js";
import { PROFILE_SCHEMA } from "./profile-schema.js";
import { podsOrPercentProblem } from "./_pods-or-percent.js";
import { quantityProblem, RESOURCE_FIELDS, type ResourceField } from "./resolve-resources.js";
import { SCENARIO_SCHEMA } from "./schema.js";
import { ScenarioError } from "./scenario-error.js";
import { TIMELINE_EVENT_KEYS } from "./timeline-schema.js";

// strictNumbers: NaN and ±Infinity (YAML's .nan and .inf) are not numbers; without it an
// infinite `replicas` or `durationS` passes the schema and the run never ends. No optimising of
// the generated code: each schema validates a handful of documents per command, and compiling
// the scenario's and the profiles' schemas took 290 ms of every run's start with it, 190 without
// (the build compiles those two with these options too: precompiled-validators.ts).
export const AJV_OPTIONS = { allErrors: true, strict: false, strictNumbers: true, verbose: true, code: { optimize: false } } as const;
const ajv = new Ajv(AJV_OPTIONS);

/** Longest rendering of a bad value inside a message, in characters. */
const MAX_SHOWN_VALUE_LENGTH = 60;

/** The keys that make an object a call node; one of them must be present. */
const CALL_NODE_KEYS = ["call", "sequence", "parallel"];
/** The other keys a call node may have: never the misspelling of a missing call node key. */
const CALL_NODE_OPTION_KEYS = ["async", "requestBytes", "responseBytes", "calls", "probability", "repeat", "note"];

/** Checks one parsed document; throws a ScenarioError naming the file and field. */
export type DocumentValidator = (file: string, value: unknown) => void;

export interface DocumentValidatorOptions {
  /**
   * The document's `…S` and `…Ms` fields also take a duration string (`30s`), which a wrong value's
   * message then offers; true for scenarios and profiles, false for what meshsim writes (results).
   */
  durationStrings?: boolean;
  /**
   * The name of the schema's validator compiled at build time (PRECOMPILED_SCHEMAS), used instead
   * of compiling it when it was compiled from this very schema.
   */
  precompiled?: string;
}

/**
 * A validator for `schema` with meshsim's one-line errors.
 * @example createDocumentValidator(SCENARIO_SCHEMA)("shop.yaml", document)
 */
export function createDocumentValidator(schema: object, options: DocumentValidatorOptions = {}): DocumentValidator {
  const durationStrings = options.durationStrings ?? true;
  // Compiled at first use: compiling every schema when the module loads cost each command,
  // `--help` included, over a second of start-up.
  let validateSchema: ValidateFunction | undefined;
  const compile = () => (options.precompiled === undefined ? undefined : loadPrecompiledValidator(options.precompiled, schema, AJV_OPTIONS)) ?? ajv.compile(schema);
  return (file, value) => checkDocument((validateSchema ??= compile()), file, value, durationStrings);
}

/**
 * Throws unless `value` satisfies the scenario schema.
 * @throws ScenarioError naming the file and the field path of the most specific problem
 */
export const validateDocument: DocumentValidator = createDocumentValidator(SCENARIO_SCHEMA, { precompiled: "scenario" });

/**
 * Throws unless `value` satisfies the mesh profile schema.
 * @throws ScenarioError naming the profile file and the field path of the most specific problem
 */
export const validateProfileDocument: DocumentValidator = createDocumentValidator(PROFILE_SCHEMA, { precompiled: "profile" });

function checkDocument(validateScenarioSchema: ValidateFunction, file: string, value: unknown, durationStrings: boolean): void {
  let cycle: string[] | undefined;
  let valid: boolean;
  try {
    cycle = findSelfReference(value, []);
    valid = cycle === undefined && (validateScenarioSchema(value) as boolean);
  } catch (error) {
    // Only a stack overflow gets here, and only for a value nested thousands of levels deep.
    if (error instanceof RangeError) throw new ScenarioError(file, "", "is nested too deeply to be a scenario");
    throw error;
  }
  if (cycle !== undefined) {
    throw new ScenarioError(file, formatPath(cycle), "contains itself (a YAML alias inside the node it refers to)");
  }
  if (valid) return;
  const error = mostSpecific(validateScenarioSchema.errors ?? []);
  const { field, problem } = explain(error, durationStrings);
  throw new ScenarioError(file, field, problem);
}

/**
 * Closest allowed word to `word`, if it is close enough to be a likely typo.
 * @example suggest("replica", ["replicas", "name"]) // "replicas"
 */
export function suggest(word: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const candidate = closest(word, [...allowed]);
  return distance(word, candidate) <= Math.max(2, Math.floor(word.length / 3)) ? candidate : undefined;
}

// --- internal ---

/**
 * The deepest error says the most; among errors at one depth, one from the schema's
 * unconditional part beats one from an if/then branch (the branch may be the wrong guess, e.g.
 * a distribution without `type`), and an unknown key beats a missing one (`servicetime` is
 * usually why `serviceTime` is missing, and its message carries the "did you mean").
 */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  // Branch-selection errors (if/then, oneOf's "must match exactly one schema") say nothing a user can act on.
  const useful = errors.filter((error) => error.keyword !== "if" && error.keyword !== "oneOf" && error.keyword !== "anyOf");
  const pool = useful.length > 0 ? useful : errors;
  let best = pool[0];
  for (const error of pool) {
    const deeper = depth(error) - depth(best);
    if (deeper > 0 || (deeper === 0 && rank(error) < rank(best))) best = error;
  }
  return best;
}

function depth(error: ErrorObject): number {
  const segments = error.instancePath.split("/").length;
  // A missing or unknown key, or a repeated item, is about a field one level below the object or list it was found in.
  return error.keyword === "additionalProperties" || error.keyword === "required" || error.keyword === "uniqueItems" ? segments + 1 : segments;
}

/**
 * Lower is better; see mostSpecific. Of a oneOf's branches, one whose type the value has says more
 * than one of another type (`zones: []` is a list too short, not a count that is not a number), and
 * a repeated item says more than another branch's "must be an object" about each item
 * (`zones: [a, b, a]`).
 */
function rank(error: ErrorObject): number {
  const conditional = /\/(then|else)\//.test(error.schemaPath);
  const otherBranchType = error.keyword === "type" && /\/oneOf\/\d+\/type$/.test(error.schemaPath);
  const pointed = error.keyword === "additionalProperties" || error.keyword === "uniqueItems";
  return (conditional ? 2 : 0) + (pointed ? 0 : 1) + (otherBranchType ? 1 : 0);
}

function explain(error: ErrorObject, durationStrings: boolean): { field: string; problem: string } {
  const segments = error.instancePath.split("/").slice(1).map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && params.missingProperty === "call") return explainCallNode(segments, error.data);
  if (error.keyword === "additionalProperties" && isTimelineEntry(segments)) {
    const events = eventKeysOf(error.data);
    if (events.length > 1) return { field: formatPath(segments), problem: `must hold exactly one event, got ${listWords(events)} (give each its own entry; two entries may share an atS)` };
  }
  // The if/else chain's last branch asks for its own event, which is not what an entry naming none lacks.
  if (error.keyword === "required" && isTimelineEntry(segments) && isTimelineEventKey(params.missingProperty) && eventKeysOf(error.data).length === 0) {
    return { field: formatPath(segments), problem: `must hold one event (${listWords(TIMELINE_EVENT_KEYS, "or")}), got none` };
  }
  const ownProblem = error.keyword === "additionalProperties" || error.keyword === "required" ? undefined : problemOfForms(segments, error.data);
  if (ownProblem !== undefined) return { field: formatPath(segments), problem: ownProblem };
  if (error.keyword === "uniqueItems") return explainRepeat(segments, error.data, params);
  if (error.keyword === "additionalProperties") segments.push(String(params.additionalProperty));
  if (error.keyword === "required") segments.push(String(params.missingProperty));
  const unit = durationStrings ? unitOf(segments[segments.length - 1] ?? "") : undefined;
  if (error.keyword === "type" && typeof error.data === "string" && unit !== undefined) {
    const number = unit === "s" ? "a number of seconds" : "a number of milliseconds";
    return { field: formatPath(segments), problem: `must be ${number} or a duration like ${DURATION_EXAMPLES}, got ${show(error.data)}` };
  }
  return { field: formatPath(segments), problem: describe(error) };
}

/**
 * A list that repeats an item: the first repeat, and where the item first stood (ajv's i and j
 * name some pair, in an order that depends on the item type), as the resolver's checks word it.
 */
function explainRepeat(segments: string[], list: unknown, params: Record<string, unknown>): { field: string; problem: string } {
  const items = Array.isArray(list) ? list.map((item) => JSON.stringify(item)) : [];
  const repeat = items.findIndex((item, index) => items.indexOf(item) !== index);
  const [first, at] = repeat >= 0 ? [items.indexOf(items[repeat]), repeat] : [Math.min(Number(params.i), Number(params.j)), Math.max(Number(params.i), Number(params.j))];
  const item = Array.isArray(list) ? list[at] : undefined;
  const listPath = formatPath(segments);
  return { field: formatPath([...segments, String(at)]), problem: `must be unique, but ${listPath}[${first}] is also ${typeof item === "string" ? item : show(item)}` };
}

/** A call-tree node with none of call, sequence or parallel: most often a misspelt key. */
function explainCallNode(segments: string[], node: unknown): { field: string; problem: string } {
  for (const key of typeof node === "object" && node !== null ? Object.keys(node) : []) {
    if (CALL_NODE_OPTION_KEYS.includes(key)) continue;
    const hint = suggest(key, CALL_NODE_KEYS);
    if (hint !== undefined) return { field: formatPath([...segments, key]), problem: `is not a known field (did you mean ${hint}?)` };
  }
  return { field: formatPath(segments), problem: `must be a call, a sequence or a parallel group, got ${show(node)}` };
}

/**
 * The resolver's own message for a field that takes two forms (a number or a Kubernetes quantity;
 * a count or a percentage), which names both where ajv's would read "must be number,string" or
 * quote a pattern. Undefined for other fields.
 */
function problemOfForms(segments: readonly string[], value: unknown): string | undefined {
  const [parent, name] = segments.slice(-2);
  if (parent === "resources" && (RESOURCE_FIELDS as readonly string[]).includes(name)) return quantityProblem(value, name as ResourceField);
  if (parent === "rollout" && (name === "maxSurge" || name === "maxUnavailable")) return podsOrPercentProblem(value, name);
  return undefined;
}

/** `timeline`, `3`: the path of one timeline entry (the schema's if/else picks its first event, so another is an unknown key). */
function isTimelineEntry(segments: readonly string[]): boolean {
  return segments.length === 2 && segments[0] === "timeline" && /^\d+$/.test(segments[1]);
}

function eventKeysOf(entry: unknown): string[] {
  if (typeof entry !== "object" || entry === null) return [];
  return Object.keys(entry).filter(isTimelineEventKey);
}

function isTimelineEventKey(key: unknown): boolean {
  return (TIMELINE_EVENT_KEYS as readonly unknown[]).includes(key);
}

/** ["a", "b", "c"] -> "a, b and c" (or "a, b or c"). */
function listWords(words: readonly string[], last = "and"): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} ${last} ${words[words.length - 1]}`;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const hint = suggest(String(params.additionalProperty), allowed);
      return hint ? `is not a known field (did you mean ${hint}?)` : `is not a known field (allowed: ${allowed.join(", ")})`;
    }
    case "required":
      return "is required";
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).join(", ")}, got ${show(error.data)}`;
    case "type":
      // A document that is not an object at all may not be a scenario (a password file named by
      // mistake or on purpose): its content is not repeated, only what it is.
      if (error.instancePath === "") return `must be ${typeWords(params.type)}, got ${kindOf(error.data)}`;
      return `must be ${typeWords(params.type)}, got ${show(error.data)}`;
    case "const":
      return `must be ${show(params.allowedValue)}, got ${show(error.data)}`;
    case "minimum":
      return `must be at least ${params.limit}, got ${show(error.data)}`;
    case "exclusiveMinimum":
      return `must be greater than ${params.limit}, got ${show(error.data)}`;
    case "maximum":
      return `must be at most ${params.limit}, got ${show(error.data)}`;
    case "minItems":
      return `must have at least ${params.limit} item${params.limit === 1 ? "" : "s"}`;
    case "minProperties":
      return `must have at least ${params.limit} entr${params.limit === 1 ? "y" : "ies"}, got none`;
    case "maxItems":
      return `must have at most ${params.limit} items, got ${Array.isArray(error.data) ? error.data.length : "more"}`;
    case "pattern":
      return `must be lower-case letters, digits, '-', '_' or '.', got ${show(error.data)}`;
    default:
      return error.message ?? "is invalid";
  }
}

/** A schema's `type`, one or several: "a number", "a number or null" (ajv's own reads "number,null"). */
function typeWords(type: unknown): string {
  const words = (Array.isArray(type) ? type : String(type).split(",")).map((word) => (word === "null" ? "null" : article(String(word))));
  return listWords(words, "or");
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** What a value is, without showing it: "a string", "an array", "null". */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return article(typeof value);
}

/** A bad value as it appears in a message: JSON on one line, cut short, NaN and Infinity by name. */
function show(value: unknown): string {
  const text = typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN_VALUE_LENGTH ? `${text.slice(0, MAX_SHOWN_VALUE_LENGTH - 3)}...` : text;
}

/**
 * Path to the first object or array that contains itself (YAML aliases can build such values),
 * or undefined. Ajv and the resolver would recurse through one until the stack runs out.
 */
function findSelfReference(value: unknown, path: string[], ancestors = new Set<object>()): string[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (ancestors.has(value)) return path;
  ancestors.add(value);
  for (const [key, child] of Object.entries(value)) {
    const found = findSelfReference(child, [...path, key], ancestors);
    if (found !== undefined) return found;
  }
  ancestors.delete(value);
  return undefined;
}
