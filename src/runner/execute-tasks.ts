/**
 * Runs tasks on a piscina pool (or in this thread) and returns the results in task order,
 * whatever order they finished in, so the merge never depends on scheduling. A failing or
 * crashing worker fails the run with the task named; an abort cancels everything pending.
 */

import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { CancelledError } from "./cancelled-error.js";
import { NotBuiltError } from "./not-built-error.js";
import type { ReplicationResult, ReplicationTask } from "./replication/index.js";
import { runReplication } from "./replication/index.js";
import { TaskFailedError } from "./task-failed-error.js";
import { prepareWorkerCompilation } from "./worker-compilation.js";
import { unpackOutcome, type OverloadOutcome } from "./replication/index.js";

/** The bundled worker beside this file in dist/ (written by scripts/bundle.ts). */
const WORKER_BUNDLE = "worker-bundle.js";

/** Heap limit per worker thread: a runaway task fails alone instead of taking the machine. */
export const DEFAULT_WORKER_MEMORY_MB = 4096;

export interface ExecuteOptions {
  /** Worker threads. Default: the machine's available parallelism. */
  workers?: number;
  /** Called after each task completes, with the number done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the run; pending and running tasks are abandoned. */
  signal?: AbortSignal;
  /** Heap limit of each worker thread, MB. */
  workerMemoryMb?: number;
  /** The worker script (tests substitute a fixture); default runner/worker, bundled in dist/. */
  workerScript?: URL;
  /**
   * Keeps the worker threads for the caller's next executeTasks (a sweep runs one plan per load):
   * the pool is made on first use, left in `kept.pool`, and destroyed by the caller
   * (destroyKeptPool), or by a cancel. Its threads then start, load their code and compile it
   * once for the whole sweep instead of once per load. Without it, each call has a pool of its own.
   */
  keptPool?: KeptPool;
}

/** Where a pool kept across executeTasks calls waits (ExecuteOptions.keptPool). */
export interface KeptPool {
  pool?: Piscina;
}

/**
 * Destroys the pool `kept` holds, if one was made.
 * @example try { await runSweep(plan, { keptPool: kept }) } finally { await destroyKeptPool(kept) }
 */
export async function destroyKeptPool(kept: KeptPool): Promise<void> {
  const pool = kept.pool;
  kept.pool = undefined;
  await pool?.destroy();
}

/** Worker threads used when none are asked for: one per available core. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * The worker threads a run of `taskCount` tasks uses when `requested` are asked for (default:
 * one per core): never more than there are tasks, at least one.
 * @example workerCount(undefined, 1) // 1
 */
export function workerCount(requested: number | undefined, taskCount: number): number {
  return Math.max(1, Math.min(requested ?? defaultWorkerCount(), taskCount));
}

/**
 * Runs every task and returns results in task order. With one worker and nothing to cancel,
 * tasks run in this thread; otherwise on a pool, which also keeps this thread free to react
 * to Ctrl-C during a long task.
 * @throws TaskFailedError naming the task (mesh, load, replication, seed) of the first failure
 * @throws CancelledError when `signal` aborts
 */
export async function executeTasks(tasks: ReplicationTask[], options: ExecuteOptions = {}): Promise<ReplicationResult[]> {
  const workers = workerCount(options.workers, tasks.length);
  if (workers === 1 && options.signal === undefined && options.workerScript === undefined) return runInThread(tasks, options);
  const kept = options.keptPool;
  // A kept pool has every thread asked for, whatever its first plan's size: a later plan may have
  // more tasks. A plan of fewer tasks than threads runs on fewer lanes.
  const threads = kept ? workerCount(options.workers, Infinity) : workers;
  if (kept?.pool === undefined) prepareWorkerCompilation(threads, availableParallelism());
  const pool =
    kept?.pool ??
    new Piscina({
      ...workerScript(options.workerScript),
      minThreads: threads,
      maxThreads: threads,
      // A kept pool's threads wait between plans (their summaries); others end with their pool.
      idleTimeout: kept ? Infinity : 1000,
      resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB },
    });
  if (kept) kept.pool = pool;
  let done = 0;
  const signal = options.signal;
  // One listener for the whole run (not one per task): destroying the pool rejects every
  // running task at once.
  const abort = () => void (kept ? destroyKeptPool(kept) : pool.destroy());
  signal?.addEventListener("abort", abort, { once: true });
  // One lane per worker takes the next task when its last one is done. After the first
  // failure no lane takes another, and the run waits for the running ones: a worker's answer
  // arriving after the pool is gone would be thrown as an uncaught error.
  const results: ReplicationResult[] = new Array(tasks.length);
  let next = 0;
  let firstFailure: TaskFailedError | undefined;
  const lane = async (): Promise<void> => {
    while (firstFailure === undefined && !signal?.aborted && next < tasks.length) {
      const index = next++;
      try {
        results[index] = unpackOutcome((await pool.run(tasks[index])) as ReplicationResult | OverloadOutcome);
        options.onProgress?.(++done, tasks.length);
      } catch (error) {
        if (signal?.aborted) return;
        firstFailure ??= TaskFailedError.from(tasks[index], error);
      }
    }
  };
  try {
    if (!signal?.aborted) await Promise.all(Array.from({ length: workers }, lane));
    if (signal?.aborted) throw new CancelledError(done, tasks.length);
    if (firstFailure) throw firstFailure;
    return results;
  } finally {
    signal?.removeEventListener("abort", abort);
    // A kept pool outlives a failed plan (an overloaded load of a sweep): the lanes have waited
    // for its running tasks, and piscina replaces a thread that died. Cancelling ended it above.
    if (kept === undefined) await pool.destroy();
  }
}

/**
 * Built code runs the worker bundled into one file (scripts/bundle.ts, part of `npm run
 * build`): a thread loads it in about 35 ms, where worker.js's 170 modules took 160-210 ms. Under
 * tsx or vitest the worker is worker.ts, with tsx's loader. A custom script runs as given.
 * `runnerUrl` is where this module runs from (tests name others).
 * @throws NotBuiltError when a built tree lacks the bundle, or tsc has rebuilt worker.js since it was written
 * @example workerScript(undefined).filename // ".../dist/src/runner/worker-bundle.js" when built
 */
export function workerScript(custom: URL | undefined, runnerUrl = import.meta.url): { filename: string; execArgv?: string[] } {
  const fromSource = runnerUrl.endsWith(".ts");
  // Through runner/ rather than beside this file: the `meshsim` command's bundle
  // (dist/src/cli/main.js) holds this module too, one folder over, and as deep in dist/src.
  const url = custom ?? new URL(fromSource ? "../runner/worker.ts" : `../runner/${WORKER_BUNDLE}`, runnerUrl);
  if (custom === undefined && !fromSource) checkBundle(url);
  return url.href.endsWith(".ts") ? { filename: url.href, execArgv: ["--import", "tsx"] } : { filename: url.href };
}

// --- internal ---

function runInThread(tasks: ReplicationTask[], options: ExecuteOptions): ReplicationResult[] {
  return tasks.map((task, index) => {
    let result: ReplicationResult;
    try {
      result = runReplication(task);
    } catch (error) {
      throw TaskFailedError.from(task, error);
    }
    options.onProgress?.(index + 1, tasks.length);
    return result;
  });
}

/** How much newer than the bundle worker.js may be before the bundle counts as stale: a copy of dist/ writes its files in any order. */
const BUNDLE_AGE_SLACK_MS = 1000;

/**
 * No falling back to worker.js when the bundle is missing: a tree built by tsc alone, or a
 * package that lost the file, would only run slower, and nobody would learn of it. A bundle
 * older than worker.js is from a build before the last tsc (which rewrites every file), so its
 * workers would run other code than this thread: results would depend on the worker count.
 * (A tsc --watch rewrites only the files that changed; only worker.js is checked, one stat.)
 */
function checkBundle(bundle: URL): void {
  const hint = "build with npm run build (tsc alone does not write it)";
  if (!existsSync(bundle)) throw new NotBuiltError(`${fileURLToPath(bundle)} is missing: ${hint}`);
  const entry = new URL("./worker.js", bundle);
  if (existsSync(entry) && statSync(entry).mtimeMs > statSync(bundle).mtimeMs + BUNDLE_AGE_SLACK_MS) {
    throw new NotBuiltError(`${fileURLToPath(bundle)} is older than worker.js beside it: ${hint}`);
  }
}
