/**
 * A task that failed in a worker or in this thread: the message names the task (mesh, load,
 * replication, seed) so the user can rerun exactly it, and keeps the original cause.
 */

import { OverloadError } from "../mesh/index.js";
import type { ReplicationTask } from "./replication/index.js";

/** One task failed; the run fails with it. */
export class TaskFailedError extends Error {
  constructor(
    message: string,
    readonly overloaded: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TaskFailedError";
  }

  static from(task: ReplicationTask, error: unknown): TaskFailedError {
    if (error instanceof TaskFailedError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    const overloaded = error instanceof OverloadError;
    const what = `mesh ${task.meshId}, ${task.loadPointKey}, replication ${task.replication}, seed ${task.seed}`;
    return new TaskFailedError(`${overloaded ? "overloaded" : "task failed"} (${what}): ${reason}`, overloaded, {
      cause: error,
    });
  }
}
