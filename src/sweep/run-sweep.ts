/**
 * Runs a sweep: every mesh at every load point (and every `--set` variant), treating a load the
 * system cannot keep up with as a failed point rather than an error; then, with an SLO, the
 * highest load each mesh sustains within it, refined by bisection for a range of loads.
 */

import { createMeta } from "../runner/index.js";
import { assembleSweep, sweepHeader } from "./assemble-sweep.js";
import type { SweepDocument } from "./sweep-document.js";
import type { SweepOptions, SweepPlan } from "./sweep-plan.js";
import { planSweepUnits, runSweepUnits } from "./sweep-units.js";

/**
 * Runs the sweep and returns its document: every unit (variant, mesh) of the plan.
 * @throws TaskFailedError for a failure other than overload; CancelledError when cancelled
 * @example await runSweep({ variants, settings: [], meshes: ["none"], loadPoints: parseLoadPoints("100,200"), replications: 2, seed: 1 })
 */
export async function runSweep(plan: SweepPlan, options: SweepOptions = {}): Promise<SweepDocument> {
  const started = options.wallClock?.() ?? 0;
  const layout = planSweepUnits(plan);
  const { results, workers } = await runSweepUnits(plan, layout, layout.units, options);
  return assembleSweep(sweepHeader(plan), layout, results, createMeta(options, started, workers));
}
