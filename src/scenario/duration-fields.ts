/**
 * Time fields carry their unit in their name (`durationS`, `timeoutMs`): in a scenario or a
 * profile each also takes a duration in meshsim's one grammar (`durationS: 1m30s`,
 * `timeoutMs: 1.5s`), read into the field's unit before the schema sees the document.
 */

import { DURATION_PATTERN, parseDuration, type DurationUnit } from "./duration.js";

/** The time fields of a schema, by name, with the unit each is counted in. */
export type DurationFields = ReadonlyMap<string, DurationUnit>;

/**
 * Every numeric field of `schema` (at any depth) whose name ends in `S` (seconds) or `Ms`.
 * @example durationFieldsOf(SCENARIO_SCHEMA).get("durationS") // "s"
 */
export function durationFieldsOf(schema: object): DurationFields {
  const fields = new Map<string, DurationUnit>();
  visitProperties(schema, (name, property) => {
    const unit = unitOf(name);
    if (unit !== undefined && isNumeric(property)) fields.set(name, unit);
  });
  return fields;
}

/**
 * A copy of `value` in which each time field holding a duration string holds the number it
 * means in the field's unit. Any other string is left for the schema to refuse, naming the field;
 * a document that contains itself (a YAML alias inside its own anchor) is returned as it is, for
 * the validator to name the field.
 * @example readDurationFields({ load: { durationS: "1m30s" } }, fields) // { load: { durationS: 90 } }
 */
export function readDurationFields(value: unknown, fields: DurationFields): unknown {
  try {
    return copyReading(value, fields, new Set());
  } catch (error) {
    if (error === CONTAINS_ITSELF) return value;
    throw error;
  }
}

/**
 * The schema editors get (`meshsim schema`): each time field also allows a duration string.
 * @example withDurationStrings(SCENARIO_SCHEMA).definitions
 */
export function withDurationStrings<T extends object>(schema: T): T {
  return mapTimeFields(schema, (property, unit) => {
    const { description, default: defaultValue, ...number } = property;
    const says = `${description ? `${description}; ` : ""}${unit === "s" ? "seconds" : "milliseconds"}, or a duration like 1m30s or 250us`;
    return {
      description: says,
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
      anyOf: [number, { type: "string", pattern: DURATION_PATTERN }],
    };
  });
}

/**
 * A copy of `schema` in which every numeric time field (`durationS`, `timeoutMs`: by name, as
 * unitOf tells) is replaced by what `map` makes of it; every other part is copied as it is.
 * @example mapTimeFields(schema, (property) => ({ ...property, maximum: 86400 }))
 */
export function mapTimeFields<T extends object>(schema: T, map: (property: Record<string, unknown>, unit: DurationUnit) => unknown): T {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== "object" || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) copy[key] = key === "properties" ? rewriteProperties(child) : rewrite(child);
    return copy;
  };
  const rewriteProperties = (properties: unknown): unknown => {
    if (typeof properties !== "object" || properties === null) return properties;
    const copy: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      const unit = unitOf(name);
      copy[name] = unit === undefined || !isNumeric(property) ? rewrite(property) : map(property as Record<string, unknown>, unit);
    }
    return copy;
  };
  return rewrite(schema) as T;
}

/** Whether a field name is a time field's: `durationS`, `timeoutMs`, not `ratePerSec` or `replicas`. */
export function unitOf(name: string): DurationUnit | undefined {
  if (/[a-z0-9]Ms$/.test(name)) return "ms";
  if (/[a-z0-9]S$/.test(name)) return "s";
  return undefined;
}

// --- internal ---

const CONTAINS_ITSELF = Symbol("contains itself");

function copyReading(value: unknown, fields: DurationFields, ancestors: Set<object>): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.has(value)) throw CONTAINS_ITSELF;
  ancestors.add(value);
  let copy: unknown;
  if (Array.isArray(value)) copy = value.map((item) => copyReading(item, fields, ancestors));
  else {
    const entries = Object.entries(value).map(([key, child]) => {
      const unit = fields.get(key);
      const duration = unit !== undefined && typeof child === "string" ? parseDuration(child, unit) : undefined;
      return [key, duration ?? copyReading(child, fields, ancestors)];
    });
    copy = Object.fromEntries(entries);
  }
  ancestors.delete(value);
  return copy;
}

function isNumeric(property: unknown): boolean {
  const type = (property as { type?: unknown }).type;
  return type === "number" || type === "integer";
}

function visitProperties(node: unknown, visit: (name: string, property: object) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitProperties(item, visit);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const properties = (node as { properties?: unknown }).properties;
  if (typeof properties === "object" && properties !== null) {
    for (const [name, property] of Object.entries(properties)) if (typeof property === "object" && property !== null) visit(name, property);
  }
  for (const child of Object.values(node)) visitProperties(child, visit);
}
