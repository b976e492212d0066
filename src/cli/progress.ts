/**
 * A one-line progress indicator on stderr with an estimate of the time left, redrawn in place;
 * drawn only on a terminal.
 */

import type { CliIo } from "./cli-io.js";

/**
 * A progress callback for `total` tasks that started now.
 * @example executeTasks(tasks, { onProgress: createProgress(io) })
 */
export function createProgress(io: CliIo): (done: number, total: number) => void {
  const started = io.now();
  return (done, total) => {
    const width = 24;
    const filled = Math.round((done / total) * width);
    const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
    const elapsedS = (io.now() - started) / 1000;
    const leftS = done > 0 ? (elapsedS / done) * (total - done) : 0;
    const eta = done === total ? `${elapsedS.toFixed(1)} s` : `~${formatSeconds(leftS)} left`;
    io.stderr(`\rsimulating [${bar}] ${done}/${total} tasks, ${eta}  ${done === total ? "\n" : ""}`);
  };
}

// --- internal ---

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
