/**
 * Collects Kubernetes objects from files, folders (every .yaml, .yml and .json beneath, in name order)
 * and standard input (`-`: the output of `kubectl get ... -o yaml` or `helm template`).
 */

import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../../scenario/index.js";
import { parseManifests, readManifests, type Manifest } from "../traffic/index.js";

/**
 * Every object in `paths`; `stdin` is read once if a path is `-`.
 * @throws ScenarioError naming a missing path, an empty folder, or a file that is not YAML
 * @example (await readKubernetesInputs(["k8s/"])).map((m) => m.kind) // ["Deployment", "Service", ...]
 */
export async function readKubernetesInputs(paths: readonly string[], stdin?: () => Promise<string>): Promise<{ manifests: Manifest[]; files: string[] }> {
  const manifests: Manifest[] = [];
  const files: string[] = [];
  for (const path of paths) {
    if (path === "-") {
      if (!stdin) throw new ScenarioError("-", "", "standard input cannot be read here");
      manifests.push(...parseManifests("(standard input)", await stdin()));
      files.push("(standard input)");
      continue;
    }
    for (const file of expand(path)) {
      refuseTraceFile(file);
      manifests.push(...readManifests(file));
      files.push(file);
    }
  }
  return { manifests, files };
}

// --- internal ---

/**
 * A trace file given as a manifest would go to the YAML parser, which takes minutes over megabytes of
 * JSON before failing: its first line says what it is.
 */
function refuseTraceFile(file: string): void {
  let head = "";
  try {
    const descriptor = openSync(file, "r");
    const buffer = Buffer.alloc(4096);
    head = buffer.toString("utf8", 0, readSync(descriptor, buffer, 0, buffer.length, 0));
    closeSync(descriptor);
  } catch {
    return;
  }
  if (/^\s*[[{]\s*"(resourceSpans|data|traceId|traceID|result)"/.test(head) || /^\s*\[\s*\{\s*"traceId"/.test(head)) {
    throw new ScenarioError(file, "", "holds traces, not Kubernetes objects (give it to meshsim import traces, or with --traces)");
  }
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function expand(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new ScenarioError(path, "", "no such file or folder");
  }
  if (!isFolder) return [path];
  const found = walk(path);
  if (found.length === 0) throw new ScenarioError(path, "", "is a folder with no .yaml, .yml or .json file");
  return found;
}

function walk(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith(".") ? [] : walk(path);
    return MANIFEST_FILE.test(entry.name) ? [path] : [];
  });
}
