/**
 * Checks a parsed scenario against SCENARIO_SCHEMA with ajv and turns the most specific schema
 * error into one line that names the field, with a "did you mean" for misspelt keys.
 */

import { Ajv, type ErrorObject } from "ajv";
import { closest, distance } from "fastest-levenshtein";
import { SCENARIO_SCHEMA } from "./schema.js";
import { ScenarioError } from "./scenario-error.js";

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateScenarioSchema = ajv.compile(SCENARIO_SCHEMA);

/**
 * Throws unless `value` satisfies the scenario schema.
 * @throws ScenarioError naming the file and the field path of the most specific problem
 */
export function validateDocument(file: string, value: unknown): void {
  if (validateScenarioSchema(value)) return;
  const error = mostSpecific(validateScenarioSchema.errors ?? []);
  throw new ScenarioError(file, fieldPath(error), describe(error));
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

/** Branch-selection errors (if/then) say nothing a user can act on; the deepest error does. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const useful = errors.filter((error) => error.keyword !== "if");
  const pool = useful.length > 0 ? useful : errors;
  return pool.reduce((best, error) => (depth(error) > depth(best) ? error : best), pool[0]);
}

function depth(error: ErrorObject): number {
  const segments = error.instancePath.split("/").length;
  // A missing or unknown key is about a field one level below the object it was found in.
  return error.keyword === "additionalProperties" || error.keyword === "required" ? segments + 1 : segments;
}

/** JSON pointer `/services/2/replicas` -> `services[2].replicas`. */
function fieldPath(error: ErrorObject): string {
  const segments = error.instancePath.split("/").slice(1);
  if (error.keyword === "additionalProperties") segments.push(String(error.params.additionalProperty));
  if (error.keyword === "required") segments.push(String(error.params.missingProperty));
  let path = "";
  for (const segment of segments) {
    const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    path += /^\d+$/.test(key) ? `[${key}]` : path === "" ? key : `.${key}`;
  }
  return path === "" ? "(top level)" : path;
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
      if (params.missingProperty === "call") return "must be a call, a sequence or a parallel group";
      return "is required";
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).join(", ")}, got ${JSON.stringify(error.data)}`;
    case "type":
      return `must be ${article(String(params.type))}, got ${JSON.stringify(error.data)}`;
    case "minimum":
      return `must be at least ${params.limit}, got ${error.data}`;
    case "exclusiveMinimum":
      return `must be greater than ${params.limit}, got ${error.data}`;
    case "maximum":
      return `must be at most ${params.limit}, got ${error.data}`;
    case "minItems":
      return `must have at least ${params.limit} item${params.limit === 1 ? "" : "s"}`;
    case "pattern":
      return `must be lower-case letters, digits, '-', '_' or '.', got ${JSON.stringify(error.data)}`;
    default:
      return error.message ?? "is invalid";
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
