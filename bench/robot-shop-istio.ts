/**
 * Case process: robot-shop under Istio's sidecars, so the timed loop includes everything a mesh
 * adds per call: proxy stations, connection pools, mTLS state, and the traffic layer (Istio's
 * default least-request balancing, retry policy and circuit-breaker accounting).
 */

import { loadScenario } from "../src/scenario/index.js";
import { parseCaseArgs } from "./parse-case-args.js";
import { measureReplication } from "./measure-replication.js";

const args = parseCaseArgs(process.argv.slice(2));
const scenario = loadScenario("robot-shop");
const result = measureReplication({
  caseName: args.caseName,
  scenario,
  ratePerSec: scenario.load.ratePerSec,
  requests: args.requests,
  warmupRequests: args.warmupRequests,
  meshId: "istio",
});
console.log(JSON.stringify(result));
