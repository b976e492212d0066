/**
 * Case process: how fast one core simulates the built-in robot-shop scenario (13 services, 16
 * request types) at its default rate, and how much memory the process peaks at; `--mesh` runs it
 * under a mesh profile (the meshed hot path: proxies, connection pools, the traffic layer), and
 * `--no-machines` without the scenario's machines (no shared node CPU), for the nodes model's cost,
 * `--telemetry` with the mesh's default telemetry asked for (its calls recorded per service and edge),
 * and `--timeline-intervals n` with results over time in n intervals.
 */

import { parseCaseArgs } from "./parse-case-args.js";
import { robotShopScenario } from "./robot-shop-scenario.js";
import { printMeasuredCase } from "./measure-replication.js";

const args = parseCaseArgs(process.argv.slice(2));
const declared = robotShopScenario(!args.noMachines);
const scenario = args.telemetry ? { ...declared, mesh: { ...declared.mesh, telemetry: {} } } : declared;
printMeasuredCase(args, scenario);
