/**
 * Refuses an input document nested deeper than MAX_NESTING_DEPTH, before anything that recurses
 * through it (key checks, schema validation, resolution) runs out of stack on it.
 */

import { ScenarioError } from "./scenario-error.js";
import { MAX_NESTING_DEPTH } from "./value-limits.js";

/**
 * Throws when `value` nests objects and arrays more than MAX_NESTING_DEPTH levels deep. Iterative,
 * so any depth is measured; each object is visited once (a YAML alias may share one). O(values).
 * @throws ScenarioError naming `file` and the path down to the first value past the limit
 * @example checkNestingDepth({ a: [[1]] }, "s.yaml") // passes: 3 levels
 */
export function checkNestingDepth(value: unknown, file: string): void {
  const seen = new Set<object>();
  const pending: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: "" }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value !== "object" || next.value === null || seen.has(next.value)) continue;
    seen.add(next.value);
    const depth = next.depth + 1;
    if (depth > MAX_NESTING_DEPTH) {
      throw new ScenarioError(file, shortened(next.path), `is nested more than ${MAX_NESTING_DEPTH} levels deep (objects and lists inside one another): no scenario or result needs that many`);
    }
    for (const [key, child] of Object.entries(next.value)) {
      pending.push({ value: child, depth, path: Array.isArray(next.value) ? `${next.path}[${key}]` : next.path === "" ? key : `${next.path}.${key}` });
    }
  }
}

// --- internal ---

/** Longest path shown, in characters: a path 512 levels deep would not fit on the line. */
const MAX_SHOWN_PATH_LENGTH = 120;

function shortened(path: string): string {
  return path.length > MAX_SHOWN_PATH_LENGTH ? `${path.slice(0, MAX_SHOWN_PATH_LENGTH - 3)}...` : path;
}
