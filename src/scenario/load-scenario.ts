/**
 * The single untrusted-input boundary for scenarios: a path or a built-in name in, a validated
 * Scenario out, or one ScenarioError naming the file and field.
 */

import { existsSync } from "node:fs";
import { builtInScenarioNames, builtInScenarioPath } from "./built-in-scenarios.js";
import { readDocument } from "./read-document.js";
import type { RawScenario } from "./raw-scenario.js";
import { resolveScenario } from "./resolve-scenario.js";
import type { Scenario } from "./scenario.js";
import { ScenarioError } from "./scenario-error.js";
import { suggest, validateDocument } from "./validate-document.js";

/**
 * Loads a scenario from a YAML/JSON file path or a built-in name.
 * @throws ScenarioError for every kind of bad input
 * @example loadScenario("robot-shop").topology.services.length
 */
export function loadScenario(pathOrName: string): Scenario {
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
  return parseScenario(document.file, document.value, document.sha256);
}

/**
 * Validates and resolves an already-parsed scenario document.
 * @throws ScenarioError naming `file` and the field at fault
 */
export function parseScenario(file: string, value: unknown, sha256: string): Scenario {
  validateDocument(file, value);
  return resolveScenario(file, sha256, value as RawScenario);
}
