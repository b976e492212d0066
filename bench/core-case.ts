/**
 * Case process of `npm run bench:instructions` for the simulator's core alone: `mm1-core` (the
 * event queue, one Station, the exponential samplers and a histogram, mm1-core.ts) and
 * `node-cpu-core` (one node's processor sharing, node-cpu-core.ts). Counted beside the whole
 * cases, they say which part of a request's instructions moved: a change to the engine or the
 * node CPU shows in its core case, a change to the flow, the traffic layer or the runner only in
 * the whole ones. Flags: `--case mm1-core|node-cpu-core --requests <n> --warmup-requests <n>`;
 * prints one JSON line with the requests (jobs, for node-cpu-core) the counted run completed.
 */

import { runCoreMm1 } from "./mm1-core.js";
import { runCoreNodeCpu } from "./node-cpu-core.js";
import { parseCaseArgs } from "./parse-case-args.js";

/** The core cases, each running about `requests` requests and returning how many completed. */
const CORE_CASES: Readonly<Record<string, (requests: number, seed: number) => number>> = {
  "mm1-core": (requests, seed) => runCoreMm1(requests, seed).count,
  "node-cpu-core": (requests, seed) => runCoreNodeCpu(requests, seed).completed,
};

const args = parseCaseArgs(process.argv.slice(2));
const simulate = CORE_CASES[args.caseName];
if (simulate === undefined) throw new RangeError(`--case must be ${Object.keys(CORE_CASES).join(" or ")}, got ${args.caseName}`);
// The warm-up and the counted run differ only in size, as in the whole cases.
if (args.warmupRequests > 0) simulate(args.warmupRequests, 1);
console.log(JSON.stringify({ case: args.caseName, requests: simulate(args.requests, 1) }));
