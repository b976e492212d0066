/**
 * `--set path=v1,v2`: values for one scenario field, and the scenario document with a value put
 * at a dotted path (`services.2.replicas`, `services.ratings.replicas`, `load.durationS`).
 */

import { SCENARIO_SCHEMA, suggest } from "../scenario/index.js";
import type { ParameterValue } from "./sweep-document.js";

export interface ParameterSetting {
  /** Dotted path into the scenario document. */
  path: string;
  values: ParameterValue[];
}

/**
 * Parses `path=v1,v2,...`. Values are numbers, `true`/`false`, or text (`lognormal`).
 * @throws RangeError saying what the text should look like
 * @example parseSetting("services.2.replicas=1,2") // { path: "services.2.replicas", values: [1, 2] }
 */
export function parseSetting(text: string): ParameterSetting {
  const match = /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)=(.+)$/.exec(text.trim());
  const parts = match ? match[2].split(",").map((part) => part.trim()) : [];
  if (!match || parts.some((part) => part === "")) {
    throw new RangeError(`must look like path=value[,value...] with a dotted path (services.2.replicas=1,2,3), got ${JSON.stringify(text)}`);
  }
  return { path: match[1], values: parts.map(parseValue) };
}

/**
 * A copy of `document` with `value` at `path`. A segment selects an array element by index or
 * by its `name` field, or an object's field; the last segment may name a field not yet present
 * (the scenario's validation then decides whether it exists), and an optional block the schema
 * knows (`mesh`, `cluster.network`) is created when the document leaves it out.
 * @throws RangeError naming the part of the path that is not in the document
 * @example setParameter(doc, "load.durationS", 10)
 */
export function setParameter(document: unknown, path: string, value: ParameterValue): unknown {
  const copy = structuredClone(document);
  const segments = path.split(".");
  let node: unknown = copy;
  let schema: SchemaNode | undefined = SCENARIO_SCHEMA as SchemaNode;
  segments.forEach((segment, index) => {
    schema = childSchema(schema, segment);
    const where = segments.slice(0, index + 1).join(".");
    const last = index === segments.length - 1;
    if (Array.isArray(node)) {
      const at = elementIndex(node, segment);
      if (at === undefined) {
        const hint = /^\d+$/.test(segment) ? undefined : suggest(segment, elementNames(node));
        throw new RangeError(`${where} is not in the scenario (${hint ? `did you mean ${hint}?` : `${node.length} entries: use an index from 0 or a name`})`);
      }
      if (last) node[at] = value;
      else node = node[at];
    } else if (typeof node === "object" && node !== null) {
      const record = node as Record<string, unknown>;
      if (last) record[segment] = value;
      else if (Object.hasOwn(record, segment)) node = record[segment];
      else if (schema?.type === "object") node = record[segment] = {};
      else throw new RangeError(`${where} is not in the scenario`);
    } else {
      throw new RangeError(`${segments.slice(0, index).join(".")} is a value, not an object or a list, so ${where} cannot be set`);
    }
  });
  return copy;
}

/**
 * Label of a parameter combination for tables and charts.
 * @example describeParameters({ "services.2.replicas": 2 }) // "services.2.replicas=2"
 */
export function describeParameters(parameters: Record<string, ParameterValue> | undefined): string {
  return parameters === undefined ? "" : Object.entries(parameters).map(([path, value]) => `${path}=${value}`).join(", ");
}

// --- internal ---

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
}

/** The schema of `segment` under `parent` (an object's property, or a list's items), if known. */
function childSchema(parent: SchemaNode | undefined, segment: string): SchemaNode | undefined {
  const resolved = resolveRef(parent);
  if (!resolved) return undefined;
  if (resolved.type === "array") return resolveRef(resolved.items);
  return resolveRef(resolved.properties?.[segment]);
}

function resolveRef(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const name = node.$ref.replace("#/definitions/", "");
  return (SCENARIO_SCHEMA.definitions as unknown as Record<string, SchemaNode>)[name];
}

function parseValue(text: string): ParameterValue {
  if (/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  return text;
}

/** The `name` fields of a list's elements, for a "did you mean" on a misspelt one. */
function elementNames(list: unknown[]): string[] {
  return list.flatMap((item) => (typeof item === "object" && item !== null && typeof (item as { name?: unknown }).name === "string" ? [(item as { name: string }).name] : []));
}

function elementIndex(list: unknown[], segment: string): number | undefined {
  if (/^\d+$/.test(segment)) {
    const index = Number(segment);
    return index < list.length ? index : undefined;
  }
  const found = list.findIndex((item) => typeof item === "object" && item !== null && (item as { name?: unknown }).name === segment);
  return found >= 0 ? found : undefined;
}
