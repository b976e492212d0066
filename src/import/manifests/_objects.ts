/**
 * Plain accessors for the Kubernetes objects the deployment import reads, with errors that name the
 * file, the object, the field and its line.
 */

import { ScenarioError } from "../../scenario/index.js";
import { formatPath, type FieldPath, type Manifest } from "../traffic/index.js";

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at `path` inside the manifest, or undefined. */
export function get(manifest: Manifest, path: FieldPath): unknown {
  let value: unknown = manifest.value;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === "number") value = value[key];
    else if (isObject(value)) value = value[String(key)];
    else return undefined;
  }
  return value;
}

/** "k8s/cart.yaml: Deployment cart". */
export function describe(manifest: Manifest): string {
  return `${manifest.file}: ${manifest.kind} ${manifest.name}`;
}

/** @throws ScenarioError naming the file, object, field and line */
export function fail(manifest: Manifest, path: FieldPath, problem: string): never {
  const line = manifest.lineOf(path);
  throw new ScenarioError(manifest.file, `${manifest.kind} ${manifest.name} ${formatPath(path)}${line ? ` (line ${line})` : ""}`, problem);
}

/** A map of strings (labels, annotations, a selector); absent gives {}. @throws ScenarioError for another shape */
export function stringMap(manifest: Manifest, path: FieldPath): Record<string, string> {
  const value = get(manifest, path);
  if (value === undefined || value === null) return {};
  if (!isObject(value)) fail(manifest, path, "must be a map of names to strings");
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) map[key] = typeof entry === "string" ? entry : String(entry);
  return map;
}

/** A list; absent gives []. @throws ScenarioError for another shape */
export function list(manifest: Manifest, path: FieldPath): unknown[] {
  const value = get(manifest, path);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(manifest, path, "must be a list");
  return value;
}

export function namespaceOf(manifest: Manifest): string {
  const namespace = get(manifest, ["metadata", "namespace"]);
  return typeof namespace === "string" && namespace !== "" ? namespace : "default";
}
