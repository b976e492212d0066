/**
 * The run was cancelled (Ctrl-C): no results document is written.
 */

/** Raised instead of results when the run's AbortSignal fires. */
export class CancelledError extends Error {
  constructor(done: number, total: number) {
    super(`cancelled after ${done} of ${total} tasks; no results were written`);
    this.name = "CancelledError";
  }
}
