/**
 * Reads a YAML or JSON input file into a plain value, turning every way it can fail (missing,
 * unreadable, empty, not YAML) into a one-line ScenarioError naming the file.
 */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { ScenarioError } from "./scenario-error.js";

export interface InputDocument {
  /** The file as named to the user. */
  file: string;
  value: unknown;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/**
 * Reads and parses `path` (YAML is a superset of JSON, so one parser serves both).
 * @throws ScenarioError when the file is missing, unreadable, empty or not valid YAML/JSON
 */
export function readDocument(path: string, shownAs = path): InputDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code})`;
    throw new ScenarioError(shownAs, "", reason);
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new ScenarioError(shownAs, "", "is empty");
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0];
    const where = line ? `line ${line.line} column ${line.col}` : "";
    throw new ScenarioError(shownAs, where, `is not valid YAML or JSON: ${first.message.split("\n")[0]}`);
  }
  const value = document.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) throw new ScenarioError(shownAs, "", "is empty");
  return { file: shownAs, value, sha256: createHash("sha256").update(bytes).digest("hex") };
}
