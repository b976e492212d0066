/**
 * Case process: how fast one core simulates an M/M/1 queue (utilisation 0.8), in requests and
 * events per wall-clock second, and how much memory the process peaks at for that many requests.
 */

import { parseCaseArgs } from "./parse-case-args.js";
import { measureReplication } from "./measure-replication.js";
import { createMm1Scenario, MM1_RATE_PER_SEC } from "./mm1-scenario.js";

const args = parseCaseArgs(process.argv.slice(2));
const result = measureReplication({
  caseName: args.caseName,
  scenario: createMm1Scenario(),
  ratePerSec: MM1_RATE_PER_SEC,
  requests: args.requests,
  warmupRequests: args.warmupRequests,
});
console.log(JSON.stringify(result));
