/**
 * Runs the node CPU checks (processor sharing, shared cores, CFS limits, waiting services) as
 * `meshsim validate --only nodes` prints them.
 */

import { nodeTheoryChecks } from "./node-theory-checks.js";
import { measureTheoryChecks, type TheoryCheckOptions, type TheoryMeasurement } from "./run-theory-checks.js";
import type { ValidationRow } from "./validation-row.js";

/**
 * Simulated requests of the M/M/1-PS check by default. At utilisation 0.8 its mean's standard
 * error is 0.65% at 2 M requests (variance per request 2120 ms², see node-theory-checks.ts), so
 * at 16 M its 1% is 4.3 standard errors, as the other theory checks hold theirs.
 */
export const DEFAULT_REQUESTS_PER_NODE_CHECK = 16_000_000;

/** What the node checks take: the theory checks' options but their own checks and group. */
export type NodeCheckOptions = Omit<TheoryCheckOptions, "checksFor" | "group">;

/**
 * Simulates every node check and compares it with theory.
 * @example (await runNodeChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runNodeChecks(options: NodeCheckOptions = {}): Promise<ValidationRow[]> {
  return (await measureNodeChecks(options)).map((measurement) => measurement.row);
}

/**
 * `runNodeChecks` with what each row's sampling error is judged from (see `measureTheoryChecks`).
 * @example (await measureNodeChecks({ requestsPerCheck: 1e6 })).map((m) => m.requests)
 */
export async function measureNodeChecks(options: NodeCheckOptions = {}): Promise<TheoryMeasurement[]> {
  return measureTheoryChecks({ ...options, requestsPerCheck: options.requestsPerCheck ?? DEFAULT_REQUESTS_PER_NODE_CHECK, checksFor: nodeTheoryChecks, group: "node CPU" });
}
