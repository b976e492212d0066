/**
 * Writes output files so that a reader never sees half a file: write to a temporary name in
 * the same folder, then rename over the target (atomic on one file system).
 */

import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";

/**
 * Writes `content` (text as UTF-8, or bytes) to `path` atomically, creating the folder if needed.
 * @example writeFileAtomic("out/results.json", JSON.stringify(doc))
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
