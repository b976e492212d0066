/**
 * Creates a folder and its missing parents, one plain mkdir each, so that every failure is final.
 * Node's `mkdirSync(path, { recursive: true })` is not used: on a mkdir that fails with ENOENT
 * it creates the parent and tries again, and where the parent exists but refuses children (any
 * path under /proc) the two answers alternate for ever inside one native call, at full CPU and
 * deaf to signals.
 */

import { lstatSync, mkdirSync, rmdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Creates `folder` and the folders above it that are missing, outermost first; at most one mkdir
 * per missing folder, never retried.
 * @returns the outermost folder it created (spelled as in `folder`), or undefined when none was missing
 * @throws the first failing mkdir's Node error (its `code`: ENOENT, ENOTDIR, EACCES, EROFS, ...), after removing the folders it had created
 * @example makeFolders("out/charts") // "out" when neither existed
 */
export function makeFolders(folder: string): string | undefined {
  const missing: string[] = [];
  // lstat, not stat: a dangling symlink is there (its mkdir below fails), not missing.
  for (let dir = folder; isMissing(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.push(dir);
  const created: string[] = [];
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
      created.push(dir);
    } catch (error) {
      // Another process made the same folder in between: it is there, as asked.
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && isFolder(dir)) continue;
      for (const made of created.reverse()) rmdirSync(made);
      throw error;
    }
  }
  return created[0];
}

// --- internal ---

/**
 * Whether nothing at all (not even a symlink) is at `path`: ENOENT, or ENOTDIR for a path below a
 * file (whose mkdir then says so). Anything else is there, or is left for mkdir to report.
 */
function isMissing(path: string): boolean {
  try {
    lstatSync(path);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR";
  }
}

/** Whether `path` is a folder, or a symlink to one. */
function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
