/**
 * Loads a scenario with the outside files it names: the document's own `trafficConfig` (relative
 * to the scenario's folder) and any given on the command line, imported as traffic rules, hashed
 * into `scenario.imports`, with what the importer skipped or approximated as notices.
 */

import { createHash } from "node:crypto";
import { isAbsolute, join } from "node:path";
import { parseScenario as parseValidated, readInputFile, readScenario, type RawScenario, type Scenario, type ScenarioImports } from "../scenario/index.js";
import { importTrafficConfig, type ImportedTraffic } from "./traffic/index.js";

export interface LoadOptions {
  /** Kubernetes manifests to import as traffic rules, besides the scenario's own `trafficConfig`. */
  trafficConfig?: string[];
}

export interface ParseOptions extends LoadOptions {
  /** Where the scenario's own `trafficConfig` paths are relative to (default: the working directory). */
  baseDir?: string;
}

/**
 * Loads a scenario from a YAML/JSON file path or a built-in name, with the files it names.
 * @throws ScenarioError for every kind of bad input, in the scenario or the files it names
 * @example loadScenario("robot-shop").topology.services.length
 */
export function loadScenario(pathOrName: string, options: LoadOptions = {}): Scenario {
  const { document, baseDir } = readScenario(pathOrName);
  return parseScenario(document.file, document.value, document.sha256, { ...options, baseDir });
}

/**
 * Validates and resolves an already-parsed scenario document, importing the files it names.
 * @throws ScenarioError naming `file` (or the imported file) and the field at fault
 */
export function parseScenario(file: string, value: unknown, sha256: string, options: ParseOptions = {}): Scenario {
  return parseValidated(file, value, sha256, { imports: (raw) => importsOf(raw, options) });
}

// --- internal ---

function importsOf(raw: RawScenario, options: ParseOptions): ScenarioImports | undefined {
  const own = (raw.trafficConfig ?? []).map((path) => (isAbsolute(path) || !options.baseDir ? path : join(options.baseDir, path)));
  const files = [...own, ...(options.trafficConfig ?? [])];
  if (files.length === 0) return undefined;
  const imported = importTrafficConfig(files, raw.services);
  return {
    rules: imported.rules.map((rule) => ({ rule, field: rule.source ?? "trafficConfig" })),
    files: files.map((path) => ({ file: path, sha256: createHash("sha256").update(readInputFile(path)).digest("hex") })),
    notices: noticesOf(imported),
  };
}

function noticesOf(imported: ImportedTraffic): string[] {
  return [
    ...imported.skipped.map((object) => `${object}: not a traffic resource, skipped`),
    ...imported.rules.flatMap((rule) => (rule.ignored ?? []).map((field) => `${noticeSource(rule)}: ${field} ignored (no effect on latency or load)`)),
    // How the importer approximated what it read (e.g. a retry condition taken as the nearest).
    ...imported.rules.flatMap((rule) =>
      [rule.note, ...rule.routes.map((route) => route.note)].filter((note): note is string => note !== undefined).map((note) => `${noticeSource(rule)}: ${note}`),
    ),
  ];
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
