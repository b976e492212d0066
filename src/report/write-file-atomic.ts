/**
 * Writes output files so that a reader never sees half a file: write to a temporary name in
 * the same folder, then rename over the target (atomic on one file system). The temporary name
 * is unpredictable and created exclusively, so a file or symlink planted there is never written
 * through; a failure removes it and names the path.
 */

import { randomBytes } from "node:crypto";
import { closeSync, openSync, renameSync, rmdirSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { makeFolders } from "./_make-folders.js";

/** An output file could not be written (full disk, read-only or missing folder, a folder in the way). */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write ${path}: ${reason}`, options);
    this.name = "OutputError";
  }
}

/**
 * What a file holds: text (written as UTF-8), bytes, or, for content too large to hold at once, a
 * producer that hands it over in pieces through `append`, in order (a throw from it fails the write).
 */
export type FileContent = string | Uint8Array | ((append: (bytes: Uint8Array) => void) => void);

/**
 * Writes `content` to `path` atomically, creating the folder if needed.
 * @throws OutputError naming the path when the folder, the temporary file or the rename fails
 * @example writeFileAtomic("out/results.json", JSON.stringify(doc))
 */
export function writeFileAtomic(path: string, content: FileContent): void {
  placeFile(stageFile(path, content).temporary, path);
}

/**
 * Renames a staged temporary file over `path` (a symlink there is replaced, not followed).
 * @throws OutputError naming the path when the rename fails (the temporary file is removed)
 */
export function placeFile(temporary: string, path: string): void {
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new OutputError(path, reasonOf(error, "rename"), { cause: error });
  }
}

/** A file written beside its target, not yet renamed over it. */
export interface StagedFile {
  temporary: string;
  /** The outermost folder the staging created, if it created any (for a caller that undoes it). */
  createdFolder?: string;
}

/**
 * Writes `content` to a new temporary file beside `path` (its folder created if needed), for the
 * caller to rename over `path` (placeFile).
 * @throws OutputError naming the path when the folder or the temporary file fails (nothing is left)
 * @example placeFile(stageFile("out/a.json", "{}").temporary, "out/a.json")
 */
export function stageFile(path: string, content: FileContent): StagedFile {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
  let created = false;
  let stage: Stage = "folder";
  let createdFolder: string | undefined;
  try {
    createdFolder = makeFolders(dirname(path));
    stage = "temporary";
    // "wx": create, and fail if anything (a file, a symlink) is already there.
    const descriptor = openSync(temporary, "wx", 0o644);
    created = true;
    try {
      const append = (bytes: Uint8Array) => {
        for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
      };
      if (typeof content === "function") content(append);
      else append(typeof content === "string" ? Buffer.from(content, "utf8") : content);
    } finally {
      closeSync(descriptor);
    }
    return { temporary, ...(createdFolder !== undefined ? { createdFolder } : {}) };
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    if (createdFolder !== undefined) removeCreatedFolders(dirname(path), createdFolder);
    throw new OutputError(path, reasonOf(error, stage), { cause: error });
  }
}

// --- internal ---

/** Removes the empty folders from `folder` up to `outermost`, which this write created. */
function removeCreatedFolders(folder: string, outermost: string): void {
  for (let dir = folder; ; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === outermost || dirname(dir) === dir) return;
  }
}

/** Where the write was when it failed: making the folder, the temporary file, or renaming it. */
type Stage = "folder" | "temporary" | "rename";

/** What went wrong, in words, from a Node file-system error's code and the stage it came at. */
function reasonOf(error: unknown, stage: Stage): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  // Making the folder, EEXIST means a file stands where a folder of the path should be.
  if (stage === "folder" && (code === "EEXIST" || code === "ENOTDIR")) return "a part of the path is a file, not a folder";
  // ENOENT once the folders above exist: a file system that takes no new entries there (/proc, /sys).
  if (code === "ENOENT" && stage === "folder") return "its folder cannot be created there";
  if (code === "ENOENT" && stage === "temporary") return "no file can be created in its folder";
  const reasons: Record<string, string> = {
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "the file is larger than this process may write (ulimit -f)",
    EROFS: "the file system is read-only",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "it is a folder",
    ENOTDIR: "a part of the path is a file, not a folder",
    EEXIST: "the temporary file's name was taken",
  };
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}
