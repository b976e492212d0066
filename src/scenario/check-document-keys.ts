/**
 * Key hygiene for parsed input documents: JSON text may not repeat a key in one object (YAML's
 * parser already refuses that), and no document may use `__proto__`, `constructor` or
 * `prototype` as a key, names that reach an object's prototype when copied into code.
 */

import { formatPath } from "./_field-path.js";
import { ScenarioError } from "./scenario-error.js";

/** Keys refused anywhere in a document or a `--set` path. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Refuses a key repeated within one object of `text`, which must be valid JSON (JSON.parse
 * accepted it). One pass over the text, O(length).
 * @throws ScenarioError naming `file`, the line and the key
 * @example checkDuplicateJsonKeys('{"a": 1, "a": 2}', "s.json") // throws "s.json: line 1 key "a" is repeated …"
 */
export function checkDuplicateJsonKeys(text: string, file: string): void {
  // One entry per open container: the keys seen for an object, null for an array.
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  let line = 1;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === NEWLINE) line++;
    else if (char === OPEN_BRACE) {
      stack.push(new Set());
      expectKey = true;
    } else if (char === OPEN_BRACKET) stack.push(null);
    else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) stack.pop();
    else if (char === COMMA) expectKey = stack.at(-1) instanceof Set;
    else if (char === QUOTE) {
      const end = endOfString(text, index);
      const keys = stack.at(-1);
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (keys.has(key)) throw new ScenarioError(file, `line ${line}`, `key ${JSON.stringify(key)} is repeated in the same object`);
        keys.add(key);
        expectKey = false;
      }
      index = end;
    }
  }
}

/**
 * Refuses a FORBIDDEN_KEYS key anywhere in a parsed document.
 * @throws ScenarioError naming `file` and the field path of the key
 * @example checkForbiddenKeys(JSON.parse('{"a": [{"__proto__": 1}]}'), "s.json") // throws "s.json: a[0].__proto__ …"
 */
export function checkForbiddenKeys(value: unknown, file: string): void {
  const path = forbiddenKeyPath(value, [], new WeakSet());
  if (path !== undefined) {
    throw new ScenarioError(file, formatPath(path), "is not allowed: __proto__, constructor and prototype cannot be keys");
  }
}

// --- internal ---

const NEWLINE = 10;
const QUOTE = 34;
const COMMA = 44;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Index of the quote closing the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (text.charCodeAt(index) !== QUOTE) index += text.charCodeAt(index) === BACKSLASH ? 2 : 1;
  return index;
}

/** `seen`: a YAML alias can make a document contain itself; each object is visited once. */
function forbiddenKeyPath(value: unknown, path: string[], seen: WeakSet<object>): string[] | undefined {
  if (typeof value !== "object" || value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = forbiddenKeyPath(value[index], [...path, String(index)], seen);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return [...path, key];
    const found = forbiddenKeyPath((value as Record<string, unknown>)[key], [...path, key], seen);
    if (found) return found;
  }
  return undefined;
}
