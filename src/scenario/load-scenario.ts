/**
 * The single untrusted-input boundary for scenarios: a path or a built-in name in, a validated
 * Scenario out, or one ScenarioError naming the file and field.
 */

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { builtInScenarioNames, builtInScenarioPath } from "./built-in-scenarios.js";
import { readDocument } from "./read-document.js";
import type { RawScenario } from "./raw-scenario.js";
import { resolveScenario } from "./resolve-scenario.js";
import type { Scenario } from "./scenario.js";
import { ScenarioError } from "./scenario-error.js";
import { importTrafficConfig } from "./traffic-import/index.js";
import { suggest, validateDocument } from "./validate-document.js";

export interface LoadOptions {
  /** Kubernetes manifests to import as traffic rules, besides the scenario's own `trafficConfig`. */
  trafficConfig?: string[];
}

/**
 * Loads a scenario from a YAML/JSON file path or a built-in name.
 * @throws ScenarioError for every kind of bad input
 * @example loadScenario("robot-shop").topology.services.length
 */
export function loadScenario(pathOrName: string, options: LoadOptions = {}): Scenario {
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
  return parseScenario(document.file, document.value, document.sha256, { ...options, baseDir: dirname(builtIn ?? pathOrName) });
}

export interface ParseOptions extends LoadOptions {
  /** Where the scenario's own `trafficConfig` paths are relative to (default: the working directory). */
  baseDir?: string;
}

/**
 * Validates and resolves an already-parsed scenario document.
 * @throws ScenarioError naming `file` and the field at fault
 */
export function parseScenario(file: string, value: unknown, sha256: string, options: ParseOptions = {}): Scenario {
  validateDocument(file, value);
  const raw = value as RawScenario;
  const own = (raw.trafficConfig ?? []).map((path) => (isAbsolute(path) || !options.baseDir ? path : join(options.baseDir, path)));
  const files = [...own, ...(options.trafficConfig ?? [])];
  if (files.length === 0) return resolveScenario(file, sha256, raw);
  const imported = importTrafficConfig(files, raw.services);
  const scenario = resolveScenario(
    file,
    sha256,
    raw,
    imported.rules.map((rule) => ({ rule, field: rule.source ?? "trafficConfig" })),
  );
  const notices = [
    ...imported.skipped.map((object) => `${object}: not a traffic resource, skipped`),
    ...imported.rules.flatMap((rule) => (rule.ignored ?? []).map((field) => `${noticeSource(rule)}: ${field} ignored (no effect on latency or load)`)),
    // How the importer approximated what it read (e.g. a retry condition taken as the nearest).
    ...imported.rules.flatMap((rule) => [rule.note, ...rule.routes.map((route) => route.note)].filter((note): note is string => note !== undefined).map((note) => `${noticeSource(rule)}: ${note}`)),
  ];
  return {
    ...scenario,
    imports: files.map((path) => ({ file: path, sha256: createHash("sha256").update(readFileSync(path)).digest("hex") })),
    ...(notices.length > 0 ? { notices } : {}),
  };
}

/**
 * Where a notice about an imported rule comes from. A rule merged from several resources
 * ("a.yaml: VirtualService x + a.yaml: DestinationRule x") names the resource in each of its
 * entries already, so only its files are given.
 */
function noticeSource(rule: { source?: string; host: string }): string {
  const source = rule.source ?? rule.host;
  if (!source.includes(" + ")) return source;
  return [...new Set(source.split(" + ").map((part) => part.split(": ")[0]))].join(", ");
}
