/**
 * The package's own YAML documents (models/<id>.yaml, scenarios/<name>.yaml) parsed at build time
 * into dist/documents/<folder>/<file>.json, so reading one is JSON.parse: the YAML parser, still
 * cold at start-up, took about 300 ms of a `--mesh all` run's start on them. An entry holds the
 * SHA-256 of the bytes it was parsed from and is used only for those very bytes, so an edited
 * profile is parsed afresh, never read stale.
 */

import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { packageRootIfFound } from "./package-root.js";

/** The folders whose documents are cached, relative to the package root. */
export const CACHED_DOCUMENT_FOLDERS = ["models", "scenarios"] as const;

/** What one cache file holds. */
export interface CachedDocument {
  /** SHA-256 (hex) of the YAML file's bytes the value was parsed from. */
  sourceSha256: string;
  value: unknown;
}

/**
 * Where the cache entry of `path` lives, when it is one of the package's own documents.
 * @example cachedDocumentPath("/pkg/models/istio.yaml", "/pkg") // "/pkg/dist/documents/models/istio.yaml.json"
 */
export function cachedDocumentPath(path: string, root = packageRootIfFound()): string | undefined {
  if (root === undefined) return undefined;
  const inside = relative(root, resolve(path)).split(sep);
  if (inside.length !== 2 || !(CACHED_DOCUMENT_FOLDERS as readonly string[]).includes(inside[0]) || !inside[1].endsWith(".yaml")) return undefined;
  return join(root, "dist", "documents", inside[0], `${inside[1]}.json`);
}

/**
 * The value the build parsed from `path`'s bytes, when its entry was made from bytes with this
 * SHA-256; undefined otherwise (no entry, an edited file, an unreadable entry).
 */
export function readCachedDocument(path: string, sha256: string, root = packageRootIfFound()): unknown {
  const entryPath = cachedDocumentPath(path, root);
  if (entryPath === undefined || !existsSync(entryPath)) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryPath, "utf8")) as CachedDocument;
    return entry.sourceSha256 === sha256 ? entry.value : undefined;
  } catch {
    // A damaged entry only costs the YAML parse it would have saved.
    return undefined;
  }
}
