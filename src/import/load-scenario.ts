/**
 * Loads a scenario with the outside files it names: the document's own `trafficConfig` (relative
 * to the scenario's folder) and any given on the command line, imported as traffic rules, hashed
 * into `scenario.imports`, with what the importer skipped or approximated as notices.
 */

import { createHash } from "node:crypto";
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseScenario as parseValidated, readInputFile, readScenario, ScenarioError, type RawScenario, type Scenario, type ScenarioImports } from "../scenario/index.js";
import { importTrafficConfig, type ImportedTraffic } from "./traffic/index.js";

export interface LoadOptions {
  /** Kubernetes manifests to import as traffic rules, besides the scenario's own `trafficConfig`. */
  trafficConfig?: string[];
  /**
   * Lets the scenario's own `trafficConfig` name files outside its folder. Off by default: a CI
   * gate may run a scenario from a pull request, which must not make it read the runner's files.
   */
  allowOutsideFiles?: boolean;
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
  return parseValidated(file, value, sha256, { imports: (raw) => importsOf(file, raw, options) });
}

// --- internal ---

function importsOf(file: string, raw: RawScenario, options: ParseOptions): ScenarioImports | undefined {
  const own = (raw.trafficConfig ?? []).map((path) => (isAbsolute(path) || !options.baseDir ? path : join(options.baseDir, path)));
  if (!options.allowOutsideFiles) own.forEach((path, index) => refuseOutside(file, `trafficConfig[${index}]`, raw.trafficConfig![index], path, options.baseDir ?? "."));
  own.forEach((path, index) => refuseMissing(file, `trafficConfig[${index}]`, raw.trafficConfig![index], path));
  const files = [...own, ...(options.trafficConfig ?? [])];
  if (files.length === 0) return undefined;
  const imported = importTrafficConfig(files, raw.services);
  return {
    rules: imported.rules.map((rule) => ({ rule, field: rule.source ?? "trafficConfig" })),
    files: files.map((path) => ({ file: path, sha256: createHash("sha256").update(readInputFile(path)).digest("hex") })),
    notices: noticesOf(imported),
  };
}

/**
 * Refuses a file a scenario names that lies outside the scenario's folder, symlinks followed
 * (the file's content is never read, so no message can show it).
 * @throws ScenarioError naming the field
 */
function refuseOutside(file: string, field: string, written: string, path: string, folder: string): void {
  const inside = relative(realOrResolved(folder), realOrResolved(path));
  if (inside !== "" && inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)) return;
  throw new ScenarioError(file, field, `names ${JSON.stringify(written)}, outside the scenario's folder; only --allow-outside-files lets a scenario read files there`);
}

/**
 * Refuses a file a scenario names that does not exist, naming the field: the reader would name the
 * path alone, leaving the user to guess which field it came from and where relative paths start.
 * @throws ScenarioError naming the field
 */
function refuseMissing(file: string, field: string, written: string, path: string): void {
  if (existsSync(path)) return;
  const where = isAbsolute(written) ? "" : ` (${path}: paths are relative to the scenario's folder)`;
  throw new ScenarioError(file, field, `names ${JSON.stringify(written)}, which does not exist${where}`);
}

/** The path with its symlinks followed, or as written when it does not exist (reading it fails later, naming it). */
function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function noticesOf(imported: ImportedTraffic): string[] {
  return [
    // "file: Kind name (why)" is a traffic resource that sets nothing a rule holds; the others are not traffic resources.
    ...imported.skipped.map((object) => (object.endsWith(")") ? `${object}: skipped` : `${object}: not a traffic resource, skipped`)),
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
