/**
 * The one way a user-named file is read: only a regular file, only up to a size cap, checked on
 * the open descriptor before a byte is read, so a device, FIFO, socket or folder fails at once
 * with one line instead of blocking or filling memory.
 */

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { ScenarioError } from "./scenario-error.js";

/** Cap for scenario, traffic-manifest and measurement files: 16 MiB. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** Cap for results and shard documents, which hold histograms for every run: 256 MiB. */
export const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

/**
 * The bytes of the regular file at `path`, at most `maxBytes` of them.
 * @throws ScenarioError naming `shownAs` when the file is missing, unreadable, not a regular
 *   file (folder, device, FIFO, socket) or larger than `maxBytes`
 * @example readInputFile("robot.yaml").length
 */
export function readInputFile(path: string, shownAs = path, maxBytes = MAX_DOCUMENT_BYTES): Buffer {
  let descriptor: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before fstat can refuse it.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw unreadable(error, shownAs);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) throw new ScenarioError(shownAs, "", "is a folder, not a file");
    if (!stats.isFile()) throw new ScenarioError(shownAs, "", `is ${kindOf(stats)}, not a regular file`);
    if (stats.size > maxBytes) throw new ScenarioError(shownAs, "", `is ${formatMiB(stats.size)}, over the ${formatMiB(maxBytes)} limit`);
    return readAtMost(descriptor, maxBytes, shownAs);
  } finally {
    closeSync(descriptor);
  }
}

// --- internal ---

/** Reads to end of file, refusing a file that grew past the cap after fstat. */
function readAtMost(descriptor: number, maxBytes: number, shownAs: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
    let read: number;
    try {
      read = readSync(descriptor, chunk, 0, chunk.length, null);
    } catch (error) {
      throw unreadable(error, shownAs);
    }
    if (read === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) throw new ScenarioError(shownAs, "", `is over the ${formatMiB(maxBytes)} limit`);
  }
}

function unreadable(error: unknown, shownAs: string): ScenarioError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code})`;
  return new ScenarioError(shownAs, "", reason);
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

function formatMiB(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}
