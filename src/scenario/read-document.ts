/**
 * Reads a YAML or JSON input file into a plain value, turning every way it can fail (missing,
 * unreadable, empty, not YAML) into a one-line ScenarioError naming the file.
 */

import { createHash } from "node:crypto";
import { parseDocument, type Document } from "yaml";
import { checkNestingDepth } from "./check-document-depth.js";
import { checkDuplicateJsonKeys, checkForbiddenKeys } from "./check-document-keys.js";
import { readCachedDocument } from "./package-document-cache.js";
import { MAX_DOCUMENT_BYTES, readInputFile } from "./read-input-file.js";
import { ScenarioError } from "./scenario-error.js";
import { MAX_NESTING_DEPTH } from "./value-limits.js";

export interface InputDocument {
  /** The file as named to the user. */
  file: string;
  value: unknown;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/**
 * Reads and parses `path` (YAML is a superset of JSON, so one parser serves both).
 * `maxBytes` caps the file's size (MAX_RESULTS_BYTES for results and shard documents).
 * @throws ScenarioError when the file is missing, unreadable, not a regular file, over the cap,
 *   empty, not valid YAML/JSON, nested past MAX_NESTING_DEPTH, repeats a key in one object or uses a key
 *   such as __proto__
 */
export function readDocument(path: string, shownAs = path, maxBytes = MAX_DOCUMENT_BYTES): InputDocument {
  const bytes = readInputFile(path, shownAs, maxBytes);
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new ScenarioError(shownAs, "", "is empty");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // The package's own profiles and scenarios, parsed when it was built (from these very bytes).
  const cached = readCachedDocument(path, sha256);
  if (cached !== undefined) return { file: shownAs, value: cached, sha256 };
  // Results and shard documents are large JSON: JSON.parse reads them ~100x faster than the
  // YAML parser. Anything it rejects goes to the YAML parser, whose errors name line and column.
  if (/^\s*[[{]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Not strict JSON (YAML flow style, or broken): fall through to the YAML parser.
    }
    if (value !== undefined) {
      // JSON.parse keeps the last of repeated keys silently; the YAML parser refuses them.
      checkDuplicateJsonKeys(text, shownAs);
      checkNestingDepth(value, shownAs);
      checkForbiddenKeys(value, shownAs);
      return { file: shownAs, value, sha256 };
    }
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0];
    const where = line ? `line ${line.line} column ${line.col}` : "";
    // The parser recurses per level of flow or block nesting; thousands of levels overflow its stack.
    if (isStackOverflow(first.message)) throw new ScenarioError(shownAs, where, NESTED_TOO_DEEPLY);
    // pretty errors end their first line with " at line L, column C:", which `where` already says.
    const reason =
      first.code === "MULTIPLE_DOCS"
        ? "holds more than one YAML document (---); a scenario is one document"
        : first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new ScenarioError(shownAs, where, `is not valid YAML or JSON: ${reason}`);
  }
  const value = toPlainValue(document, shownAs);
  if (value === null || value === undefined) throw new ScenarioError(shownAs, "", "is empty");
  checkNestingDepth(value, shownAs);
  checkForbiddenKeys(value, shownAs);
  return { file: shownAs, value, sha256 };
}

// --- internal ---

const NESTED_TOO_DEEPLY = `is nested more than ${MAX_NESTING_DEPTH} levels deep (objects and lists inside one another): no scenario or result needs that many`;

/** Aliases are expanded here; a file that expands past the alias limit is refused, not run. */
const MAX_ALIAS_COUNT = 100;

function toPlainValue(document: Document, shownAs: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (isStackOverflow(reason)) throw new ScenarioError(shownAs, "", NESTED_TOO_DEEPLY);
    throw new ScenarioError(shownAs, "", `cannot be expanded: ${reason} (YAML aliases are limited to ${MAX_ALIAS_COUNT} expansions)`);
  }
}

function isStackOverflow(message: string): boolean {
  return message.includes("Maximum call stack size exceeded");
}
