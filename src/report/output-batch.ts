/**
 * The files one command writes, all or none: each is staged to a temporary file beside its target
 * (as writeFileAtomic does), and only when every one is written are they renamed into place, in
 * one synchronous step that no signal handler can interrupt. A failure, or a signal before that
 * step, removes every temporary file, so nothing this run wrote is left.
 */

import { rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, sep } from "node:path";
import { OutputError, placeFile, stageFile, type FileContent, type StagedFile } from "./write-file-atomic.js";

/** A command's output was cancelled (Ctrl-C, SIGTERM) before it was in place: nothing was written. */
export class OutputCancelledError extends Error {
  constructor() {
    super("cancelled while writing the output; nothing was written");
    this.name = "OutputCancelledError";
  }
}

/**
 * Files staged for one command, committed together.
 * @example const batch = new OutputBatch(signal); batch.stage("out/results.json", json); batch.commit();
 */
export class OutputBatch {
  readonly #signal: AbortSignal | undefined;
  readonly #staged: Array<StagedFile & { path: string }> = [];
  readonly #removals: string[] = [];
  #state: "open" | "committed" | "discarded" = "open";

  /** `signal`: once it fires, the next stage or the commit discards the batch and throws OutputCancelledError. */
  constructor(signal?: AbortSignal) {
    this.#signal = signal;
    OPEN_BATCHES.add(this);
  }

  /**
   * Writes `content` to a temporary file beside `path` (created exclusively, unpredictably named).
   * @throws OutputError naming the path when it cannot be written (the whole batch is discarded)
   * @throws OutputCancelledError when the signal has fired (the whole batch is discarded)
   */
  stage(path: string, content: FileContent): void {
    this.#checkOpen();
    this.#stopIfCancelled();
    try {
      this.#staged.push({ path, ...stageFile(path, content) });
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** Removes `path` at commit (a chart a previous report left that this one does not have). */
  removeAtCommit(path: string): void {
    this.#checkOpen();
    this.#removals.push(path);
  }

  /**
   * Renames every staged file over its target and removes what removeAtCommit named.
   * @returns the paths written, in the order staged
   * @throws OutputCancelledError when the signal has fired first (nothing is written)
   * @throws OutputError when a rename fails: the files this batch had already put in place are removed too
   */
  commit(): string[] {
    this.#checkOpen();
    this.#stopIfCancelled();
    const placed: string[] = [];
    for (const { path, temporary } of this.#staged) {
      try {
        placeFile(temporary, path);
      } catch (error) {
        for (const done of placed) rmSync(done, { force: true });
        this.discard();
        throw error;
      }
      placed.push(path);
    }
    for (const path of this.#removals) rmSync(path, { force: true });
    this.#state = "committed";
    OPEN_BATCHES.delete(this);
    COMMITTED.count++;
    return placed;
  }

  /**
   * Removes every staged temporary file, and the folders staging created (newest first, each only
   * if nothing else is in it); the batch can then take no more. Safe to call twice.
   */
  discard(): void {
    if (this.#state !== "open") return;
    for (const { temporary } of this.#staged) rmSync(temporary, { force: true });
    for (const { createdFolder } of [...this.#staged].reverse()) if (createdFolder !== undefined) removeEmptyFolders(createdFolder, this.#staged);
    this.#state = "discarded";
    OPEN_BATCHES.delete(this);
  }

  #checkOpen(): void {
    if (this.#state !== "open") throw new Error(`output batch already ${this.#state}`);
  }

  #stopIfCancelled(): void {
    if (this.#signal?.aborted) {
      this.discard();
      throw new OutputCancelledError();
    }
  }
}

/**
 * Discards every batch not yet committed: for the process's last moments (a second Ctrl-C exits at
 * once), so that its temporary files do not outlive it.
 * @returns whether any batch was committed in this process (its files are then complete on disk)
 */
export function discardOpenBatches(): { committed: boolean } {
  for (const batch of [...OPEN_BATCHES]) batch.discard();
  return { committed: COMMITTED.count > 0 };
}

/**
 * Runs `write` with a new batch and commits it; on any error the batch is discarded first.
 * @example await withOutputBatch(signal, async (batch) => batch.stage("a.json", "{}"))
 */
export async function withOutputBatch<T>(signal: AbortSignal | undefined, write: (batch: OutputBatch) => T | Promise<T>): Promise<T> {
  const batch = new OutputBatch(signal);
  try {
    const result = await write(batch);
    batch.commit();
    return result;
  } finally {
    batch.discard();
  }
}

/**
 * Tries the files a command will write before it does the work that fills them (a long
 * simulation): each is staged empty beside its target, as the real write will be, then discarded
 * with any folder it made, so a path that cannot be written fails at once and nothing is left.
 * @throws OutputError naming the first path that cannot be written (a folder in the way included)
 * @example probeOutputs(["out/results.json"])
 */
export function probeOutputs(paths: readonly string[]): void {
  const batch = new OutputBatch();
  try {
    for (const path of paths) {
      // The rename at commit would fail on it; the probe's temporary file beside it would not.
      if (isFolder(path)) throw new OutputError(path, "it is a folder");
      batch.stage(path, "");
    }
  } finally {
    batch.discard();
  }
}

// --- internal ---

/** Whether a folder (or a symlink to one) is at `path`; anything else, or nothing, is not. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Removes `folder` and the folders under it that staging made, when no file is left in them. */
function removeEmptyFolders(folder: string, staged: ReadonlyArray<{ path: string }>): void {
  const inside = staged.map(({ path }) => dirname(path)).filter((dir) => dir === folder || dir.startsWith(`${folder}${sep}`));
  // Deepest first, so a parent is empty by the time it is tried.
  for (const dir of [...new Set(inside)].sort((a, b) => b.length - a.length)) removeIfEmpty(dir);
  removeIfEmpty(folder);
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (something else was put there meanwhile) or already gone: leave it.
  }
}

/** Batches staged but neither committed nor discarded, process-wide (see discardOpenBatches). */
const OPEN_BATCHES = new Set<OutputBatch>();
const COMMITTED = { count: 0 };
