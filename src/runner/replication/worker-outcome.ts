/**
 * What a worker thread sends back for a task: its result, or the overload that stopped it. A
 * thrown OverloadError would arrive as a plain Error (a class and its name do not survive the
 * thread boundary), and an overload is bad input (exit 2), not an internal error.
 */

import { OverloadError } from "../../mesh/index.js";
import type { ReplicationResult } from "./replication-task.js";

/** The overload a task stopped on, as plain data. */
export interface OverloadOutcome {
  overload: { message: string; station: string };
}

/**
 * Runs `task` in the worker: its result, or the overload it stopped on.
 * @throws whatever else `run` throws
 */
export function packOutcome(run: () => ReplicationResult): ReplicationResult | OverloadOutcome {
  try {
    return run();
  } catch (error) {
    if (error instanceof OverloadError) return { overload: { message: error.message, station: error.station } };
    throw error;
  }
}

/**
 * The result of a worker's outcome.
 * @throws OverloadError when the task stopped on one
 */
export function unpackOutcome(outcome: ReplicationResult | OverloadOutcome): ReplicationResult {
  if ("overload" in outcome) throw new OverloadError(outcome.overload.message, outcome.overload.station);
  return outcome;
}
