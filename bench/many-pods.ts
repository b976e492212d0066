/**
 * Case process: a short run of a scenario of 999 pods (many-pods-scenario.ts), so its wall time
 * is mostly building the replication's network; `--mesh` builds it under a mesh profile.
 */

import { parseCaseArgs } from "./parse-case-args.js";
import { manyPodsScenario } from "./many-pods-scenario.js";
import { printMeasuredCase } from "./measure-replication.js";

printMeasuredCase(parseCaseArgs(process.argv.slice(2)), manyPodsScenario());
