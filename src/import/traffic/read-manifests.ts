/**
 * Reads a multi-document YAML file of Kubernetes objects into Manifests that remember where
 * each of their fields sits in the file, so conversion errors can name the line.
 */

import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml";
import { checkForbiddenKeys, readInputFile, ScenarioError } from "../../scenario/index.js";

/** A field's place inside an object: keys and array indexes, outermost first. */
export type FieldPath = ReadonlyArray<string | number>;

/** One Kubernetes object of a file (a `kind: List` contributes one per item). */
export interface Manifest {
  /** The file as named to the user. */
  file: string;
  apiVersion: string;
  /** The API group, "" for the core group (`v1`). */
  group: string;
  version: string;
  kind: string;
  /** `metadata.name`, or "(unnamed)". */
  name: string;
  value: Record<string, unknown>;
  /** 1-based line of the field at `path` (or of the nearest enclosing field that exists). */
  lineOf(path: FieldPath): number | undefined;
}

/**
 * Reads every object of `file`; empty documents (a trailing `---`) are dropped.
 * @throws ScenarioError when the file cannot be read, is not YAML (naming line and column), or
 *   holds a document that is not a Kubernetes object
 * @example readManifests("reviews.yaml").map((manifest) => manifest.kind) // ["VirtualService", "DestinationRule"]
 */
export function readManifests(file: string): Manifest[] {
  return parseManifests(file, readText(file));
}

/**
 * The objects of YAML (or JSON) text already read, e.g. from standard input.
 * @throws ScenarioError as readManifests does, naming `file`
 * @example parseManifests("-", "kind: Service\napiVersion: v1\n")[0].kind // "Service"
 */
export function parseManifests(file: string, text: string): Manifest[] {
  if (text.trim() === "") throw new ScenarioError(file, "", "is empty");
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  const manifests: Manifest[] = [];
  documents.forEach((document, index) => {
    if (document.errors.length > 0) throw syntaxError(file, document.errors[0]);
    const value = toPlainValue(document, file);
    if (value === null || value === undefined) return;
    checkForbiddenKeys(value, file);
    const where = (path: FieldPath): number | undefined => lineOfPath(document, lineCounter, path);
    const at = (path: FieldPath): string => {
      const line = where(path);
      return `document ${index + 1}${line ? ` (line ${line})` : ""}`;
    };
    if (!isObject(value)) throw new ScenarioError(file, at([]), "is not a Kubernetes object (a mapping with apiVersion and kind)");
    if (isListKind(value)) {
      const items = value.items;
      if (!Array.isArray(items)) throw new ScenarioError(file, `${at(["items"])} items`, "must be a list of Kubernetes objects");
      items.forEach((item, i) => manifests.push(toManifest(file, item, ["items", i], where, at)));
    } else {
      manifests.push(toManifest(file, value, [], where, at));
    }
  });
  return manifests;
}

/** `spec.http[0]["retry.linkerd.io/http"]`-style text for a path. */
export function formatPath(path: FieldPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

// --- internal ---

/** Aliases are expanded; a file that expands past this many is refused (as read-document.ts does). */
const MAX_ALIAS_COUNT = 100;

function readText(file: string): string {
  const text = readInputFile(file).toString("utf8");
  if (text.trim() === "") throw new ScenarioError(file, "", "is empty");
  return text;
}

function syntaxError(file: string, error: { message: string; linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, unknown] }): ScenarioError {
  const position = error.linePos?.[0];
  const where = position ? `line ${position.line} column ${position.col}` : "";
  // Pretty errors end their first line with " at line L, column C:", which `where` already says.
  const reason = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return new ScenarioError(file, where, `is not valid YAML: ${reason}`);
}

function toPlainValue(document: Document, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ScenarioError(file, "", `cannot be expanded: ${reason} (YAML aliases are limited to ${MAX_ALIAS_COUNT} expansions)`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `kubectl get -o yaml` wraps several objects in `kind: List` (or `VirtualServiceList`, ...). */
function isListKind(value: Record<string, unknown>): boolean {
  return typeof value.kind === "string" && value.kind.endsWith("List") && "items" in value;
}

function toManifest(
  file: string,
  value: unknown,
  base: FieldPath,
  where: (path: FieldPath) => number | undefined,
  at: (path: FieldPath) => string,
): Manifest {
  if (!isObject(value)) throw new ScenarioError(file, at(base), "is not a Kubernetes object (a mapping with apiVersion and kind)");
  const { apiVersion, kind } = value;
  if (typeof kind !== "string" || kind === "") throw new ScenarioError(file, `${at(base)} kind`, "is missing: every Kubernetes object names its kind");
  if (typeof apiVersion !== "string" || apiVersion === "") {
    throw new ScenarioError(file, `${at(base)} apiVersion`, `is missing: every Kubernetes object (here a ${kind}) names its apiVersion`);
  }
  const slash = apiVersion.lastIndexOf("/");
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === "string" && metadata.name !== "" ? metadata.name : "(unnamed)";
  return {
    file,
    apiVersion,
    group: slash < 0 ? "" : apiVersion.slice(0, slash),
    version: apiVersion.slice(slash + 1),
    kind,
    name,
    value,
    lineOf: (path) => where([...base, ...path]),
  };
}

/** Walks the parsed YAML along `path`, remembering the start of the last key or item found. */
function lineOfPath(document: Document, lineCounter: LineCounter, path: FieldPath): number | undefined {
  let node: unknown = document.contents;
  let offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(segment));
      if (!pair) break;
      offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
      node = node.items[segment];
      offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
