/**
 * A one-line progress indicator on stderr, redrawn in place; drawn only on a terminal.
 */

import type { CliIo } from "./cli-io.js";

/** Redraws "simulating 3/40 tasks" and ends the line when done. */
export function drawProgress(io: CliIo, done: number, total: number): void {
  const width = 24;
  const filled = Math.round((done / total) * width);
  const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
  io.stderr(`\rsimulating [${bar}] ${done}/${total} tasks${done === total ? "\n" : ""}`);
}
