/**
 * Runs the node CPU checks (processor sharing, shared cores, CFS limits, waiting services) as
 * `meshsim validate --only nodes` prints them.
 */

import type { ExecuteOptions } from "../runner/index.js";
import { nodeTheoryChecks } from "./node-theory-checks.js";
import { runTheoryChecks } from "./run-theory-checks.js";
import type { ValidationRow } from "./validation-row.js";

/**
 * Simulated requests of the M/M/1-PS check by default. At utilisation 0.8 its mean's standard
 * error is about 0.4% at 2 M requests (seeds 1-4 measured), so 8 M keep 1% beyond 4 standard errors.
 */
export const DEFAULT_REQUESTS_PER_NODE_CHECK = 8_000_000;

/**
 * Simulates every node check and compares it with theory.
 * @example (await runNodeChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runNodeChecks(options: ExecuteOptions & { requestsPerCheck?: number; replications?: number; seed?: number } = {}): Promise<ValidationRow[]> {
  return runTheoryChecks({ ...options, requestsPerCheck: options.requestsPerCheck ?? DEFAULT_REQUESTS_PER_NODE_CHECK, checksFor: nodeTheoryChecks, group: "node CPU" });
}
