/**
 * Case process of `npm run bench:instructions` for the simulator's core alone (core-cases.ts).
 * Counted beside the whole cases, the core cases say which part of a request's instructions
 * moved: a change to the engine, the node CPU or the samplers shows in its core case, a change to
 * the flow, the traffic layer or the runner only in the whole ones. Flags: `--case <name>
 * --requests <n> --warmup-requests <n>`; prints one JSON line with the requests (jobs, draws)
 * the counted run completed.
 */

import { CORE_CASES } from "./core-cases.js";
import { parseCaseArgs } from "./parse-case-args.js";

const args = parseCaseArgs(process.argv.slice(2));
const simulate = CORE_CASES[args.caseName];
if (simulate === undefined) throw new RangeError(`--case must be ${Object.keys(CORE_CASES).join(" or ")}, got ${args.caseName}`);
// The warm-up and the counted run differ only in size, as in the whole cases.
if (args.warmupRequests > 0) simulate(args.warmupRequests, 1);
console.log(JSON.stringify({ case: args.caseName, requests: simulate(args.requests, 1) }));
