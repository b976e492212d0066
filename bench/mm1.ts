/**
 * Case process: how fast one core simulates an M/M/1 queue (utilisation 0.8), in requests and
 * events per wall-clock second, and how much memory the process peaks at for that many requests.
 */

import { parseCaseArgs } from "./parse-case-args.js";
import { printMeasuredCase } from "./measure-replication.js";
import { createMm1Scenario } from "./mm1-scenario.js";

printMeasuredCase(parseCaseArgs(process.argv.slice(2)), createMm1Scenario());
