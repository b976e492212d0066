/**
 * Runs tasks on a piscina pool (or in this thread for one worker) and returns the results in
 * task order, whatever order they finished in, so the merge never depends on scheduling.
 */

import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { ReplicationResult, ReplicationTask } from "./replication-task.js";
import { runReplication } from "./run-replication.js";
import { TaskFailedError } from "./task-failed-error.js";

export interface ExecuteOptions {
  /** Worker threads; 1 runs in this thread. Default: the machine's available parallelism. */
  workers?: number;
  /** Called after each task completes, with the number done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Worker threads used when none are asked for: one per available core. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * Runs every task and returns results in task order.
 * @throws TaskFailedError naming the task (mesh, load, replication, seed) of the first failure
 */
export async function executeTasks(tasks: ReplicationTask[], options: ExecuteOptions = {}): Promise<ReplicationResult[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), tasks.length));
  if (workers === 1) {
    return tasks.map((task, index) => {
      const result = runTaskInThread(task);
      options.onProgress?.(index + 1, tasks.length);
      return result;
    });
  }
  const pool = new Piscina({ ...workerScript(), minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  let done = 0;
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        try {
          const result = (await pool.run(task)) as ReplicationResult;
          options.onProgress?.(++done, tasks.length);
          return result;
        } catch (error) {
          throw TaskFailedError.from(task, error);
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}

// --- internal ---

function runTaskInThread(task: ReplicationTask): ReplicationResult {
  try {
    return runReplication(task);
  } catch (error) {
    throw TaskFailedError.from(task, error);
  }
}

/** Built code runs worker.js directly; under tsx or vitest the worker needs tsx's loader too. */
function workerScript(): { filename: string; execArgv?: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url).href;
  return fromSource ? { filename, execArgv: ["--import", "tsx"] } : { filename };
}
