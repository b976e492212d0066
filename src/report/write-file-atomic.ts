/**
 * Writes output files so that a reader never sees half a file: write to a temporary name in
 * the same folder, then rename over the target (atomic on one file system). The temporary name
 * is unpredictable and created exclusively, so a file or symlink planted there is never written
 * through; a failure removes it and names the path.
 */

import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

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
 * Writes `content` (text as UTF-8, or bytes) to `path` atomically, creating the folder if needed.
 * @throws OutputError naming the path when the folder, the temporary file or the rename fails
 * @example writeFileAtomic("out/results.json", JSON.stringify(doc))
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  writeFileAtomicFrom(path, (append) => append(typeof content === "string" ? Buffer.from(content, "utf8") : content));
}

/**
 * As writeFileAtomic, for content too large to hold at once: `produce` hands it over in pieces
 * through `append`, in order. A throw from `produce` fails the write like any other.
 * @throws OutputError naming the path when the folder, the temporary file, a write or the rename fails
 * @example writeFileAtomicFrom("traces.jsonl", (append) => parts.forEach((part) => append(readFileSync(part))))
 */
export function writeFileAtomicFrom(path: string, produce: (append: (bytes: Uint8Array) => void) => void): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
  let created = false;
  let stage: Stage = "folder";
  try {
    mkdirSync(dirname(path), { recursive: true });
    stage = "temporary";
    // "wx": create, and fail if anything (a file, a symlink) is already there.
    const descriptor = openSync(temporary, "wx", 0o644);
    created = true;
    try {
      produce((bytes) => {
        for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
      });
    } finally {
      closeSync(descriptor);
    }
    stage = "rename";
    renameSync(temporary, path);
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    throw new OutputError(path, reasonOf(error, stage), { cause: error });
  }
}

// --- internal ---

/** Where the write was when it failed: making the folder, the temporary file, or renaming it. */
type Stage = "folder" | "temporary" | "rename";

/** What went wrong, in words, from a Node file-system error's code and the stage it came at. */
function reasonOf(error: unknown, stage: Stage): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  // Making the folder, EEXIST means a file stands where a folder of the path should be.
  if (stage === "folder" && (code === "EEXIST" || code === "ENOTDIR")) return "a part of the path is a file, not a folder";
  const reasons: Record<string, string> = {
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EROFS: "the file system is read-only",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "it is a folder",
    ENOTDIR: "a part of the path is a file, not a folder",
    EEXIST: "the temporary file's name was taken",
  };
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}
