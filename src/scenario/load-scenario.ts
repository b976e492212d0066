/**
 * The scenario boundary: a path or a built-in name in, a validated Scenario out, or one
 * ScenarioError naming the file and field. Files a scenario names (`trafficConfig`) are outside
 * formats: the caller brings them in through `ParseOptions.imports` (src/import does).
 */

import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { builtInScenarioNames, builtInScenarioPath } from "./built-in-scenarios.js";
import { DOCUMENT_DURATION_FIELDS } from "./document-duration-fields.js";
import { readDurationFields } from "./duration-fields.js";
import { readDocument, type InputDocument } from "./read-document.js";
import type { RawScenario } from "./raw-scenario.js";
import { resolveScenario } from "./resolve-scenario.js";
import type { SourcedRule } from "./resolve-traffic.js";
import type { Scenario } from "./scenario.js";
import { ScenarioError } from "./scenario-error.js";
import { suggest, validateDocument } from "./validate-document.js";

/** A scenario file read from disk (or a built-in), not yet validated. */
export interface ScenarioSource {
  document: InputDocument;
  /** Where the scenario's own relative paths (`trafficConfig`) start from. */
  baseDir: string;
}

/** What a scenario's referenced files added: rules, the files with their hashes, and notices. */
export interface ScenarioImports {
  rules: SourcedRule[];
  files: Array<{ file: string; sha256: string }>;
  notices: string[];
}

export interface ParseOptions {
  /** Brings in the files a valid document names; without it a document naming files is refused. */
  imports?: (raw: RawScenario) => ScenarioImports | undefined;
}

/**
 * Reads a scenario from a YAML/JSON file path or a built-in name.
 * @throws ScenarioError for a missing file or unknown name (with "did you mean"), or unparsable text
 * @example readScenario("robot-shop").document.file // "robot-shop.yaml"
 */
export function readScenario(pathOrName: string): ScenarioSource {
  if (pathOrName.trim() === "") throw new ScenarioError("", "scenario", "is empty: give a file path or a built-in name");
  const builtIn = existsSync(pathOrName) ? undefined : builtInScenarioPath(pathOrName);
  if (builtIn === undefined && !existsSync(pathOrName) && !/[./\\]/.test(pathOrName)) {
    const hint = suggest(pathOrName, builtInScenarioNames());
    throw new ScenarioError(
      pathOrName,
      "",
      `is neither a file nor a built-in scenario${hint ? ` (did you mean ${hint}?)` : ` (built-ins: ${builtInScenarioNames().join(", ")})`}`,
    );
  }
  const document = builtIn ? readDocument(builtIn, `${pathOrName}.yaml`) : readDocument(pathOrName);
  return { document, baseDir: dirname(builtIn ?? pathOrName) };
}

/**
 * Validates and resolves an already-parsed scenario document.
 * @throws ScenarioError naming `file` and the field at fault
 */
export function parseScenario(file: string, document: unknown, sha256: string, options: ParseOptions = {}): Scenario {
  const value = readDurationFields(document, DOCUMENT_DURATION_FIELDS);
  validateDocument(file, value);
  const raw = value as RawScenario;
  const imports = options.imports?.(raw);
  if (!imports) {
    if (raw.trafficConfig?.length) throw new ScenarioError(file, "trafficConfig", "names files, which only a scenario loaded from disk can read");
    return resolveScenario(file, sha256, raw);
  }
  const scenario = resolveScenario(file, sha256, raw, imports.rules);
  const notices = [...(scenario.notices ?? []), ...imports.notices];
  return { ...scenario, imports: imports.files, ...(notices.length > 0 ? { notices } : {}) };
}
