/**
 * Case process: a short run of a scenario of 999 pods (many-pods-scenario.ts), so its wall time
 * is mostly building the replication's network; `--mesh` builds it under a mesh profile.
 */

import { parseCaseArgs } from "./parse-case-args.js";
import { manyPodsScenario } from "./many-pods-scenario.js";
import { measureReplication } from "./measure-replication.js";

const args = parseCaseArgs(process.argv.slice(2));
const scenario = manyPodsScenario();
const result = measureReplication({
  caseName: args.caseName,
  scenario,
  ratePerSec: scenario.load.ratePerSec,
  requests: args.requests,
  warmupRequests: args.warmupRequests,
  meshId: args.meshId,
});
console.log(JSON.stringify(result));
