/**
 * Parses the package's own YAML documents (models/*.yaml, scenarios/*.yaml) into
 * dist/documents/ (src/scenario/package-document-cache.ts), after tsc: a command then reads each
 * with JSON.parse instead of the YAML parser. Each entry is parsed exactly as a command would
 * parse the file (readDocument), and a document whose value a JSON round trip would change is
 * left out, to be parsed as YAML. `npm run build` runs it.
 */

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { CACHED_DOCUMENT_FOLDERS, cachedDocumentPath, type CachedDocument } from "../src/scenario/package-document-cache.js";
import { packageRoot } from "../src/scenario/package-root.js";
import { readDocument } from "../src/scenario/read-document.js";

const root = packageRoot();
// Parsed afresh: readDocument would otherwise answer from the entries being replaced.
rmSync(join(root, "dist", "documents"), { recursive: true, force: true });
for (const folder of CACHED_DOCUMENT_FOLDERS) {
  const from = join(root, folder);
  if (!existsSync(from)) continue;
  for (const file of readdirSync(from).filter((name) => name.endsWith(".yaml"))) {
    const path = join(from, file);
    const { value, sha256 } = readDocument(path);
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) continue;
    const entryPath = cachedDocumentPath(path, root)!;
    mkdirSync(dirname(entryPath), { recursive: true });
    const entry: CachedDocument = { sourceSha256: sha256, value };
    writeFileSync(entryPath, JSON.stringify(entry));
  }
}
