/**
 * Case process: how fast one core simulates the built-in robot-shop scenario (13 services, 16
 * request types) at its default rate, and how much memory the process peaks at; `--mesh` runs it
 * under a mesh profile (the meshed hot path: proxies, connection pools, the traffic layer), and
 * `--no-machines` without the scenario's machines (no shared node CPU), for the nodes model's cost.
 */

import { loadScenario } from "../src/import/index.js";
import { parseCaseArgs } from "./parse-case-args.js";
import { measureReplication } from "./measure-replication.js";

const args = parseCaseArgs(process.argv.slice(2));
const declared = loadScenario("robot-shop");
// Without machines the nodes have no cores: each container owns its CPU (no NodeCpu at all).
const { machine: _machine, allocatable: _allocatable, ...undeclared } = declared.topology.cluster;
const scenario = args.noMachines ? { ...declared, topology: { ...declared.topology, cluster: undeclared } } : declared;
const result = measureReplication({
  caseName: args.caseName,
  scenario,
  ratePerSec: scenario.load.ratePerSec,
  requests: args.requests,
  warmupRequests: args.warmupRequests,
  meshId: args.meshId,
});
console.log(JSON.stringify(result));
