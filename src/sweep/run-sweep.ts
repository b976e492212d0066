/**
 * Runs a sweep: every mesh at every load point (and every `--set` variant), treating a load the
 * system cannot keep up with as a failed point rather than an error; then, with an SLO, the
 * highest load each mesh sustains within it, refined by bisection for a range of loads.
 */

import type { MtlsMode } from "../mesh/index.js";
import { createMeta, type RunOptions, type RunSummary } from "../runner/index.js";
import { assembleSweep, sweepHeader } from "./assemble-sweep.js";
import type { LoadPoints } from "./load-points.js";
import type { ScenarioVariant } from "./scenario-variants.js";
import type { ParameterSetting } from "./set-parameter.js";
import type { Slo } from "./slo.js";
import type { ParameterValue, SweepDocument } from "./sweep-document.js";
import { planSweepUnits, runSweepUnits } from "./sweep-units.js";

export interface SweepPlan {
  /** The scenario once per combination of --set values (once without --set). */
  variants: ScenarioVariant[];
  settings: ParameterSetting[];
  meshes: string[];
  mtls?: MtlsMode;
  /** Loads to run; undefined runs each variant at its own `load.ratePerSec`. */
  loadPoints?: LoadPoints;
  /** Measured seconds per run; undefined uses each variant's `load.durationS`. */
  durationS?: number;
  warmupS?: number;
  replications: number;
  seed: number;
  slo?: Slo;
  /**
   * The meshes are "all" (`--mesh all`): in each variant, a mesh that cannot express its
   * settings is left out with the reason instead of stopping the sweep.
   */
  skipInexpressible?: boolean;
}

/** One simulated (or refused) point, reported as the sweep goes. */
export interface SweepPoint {
  mesh: string;
  rps: number;
  parameters?: Record<string, ParameterValue>;
  /** The run, or undefined when the point was overloaded. */
  run?: RunSummary;
  /** With an SLO: whether the point met it (an overloaded point does not). */
  passes?: boolean;
  /** Part of the bisection rather than of the asked load points. */
  refining: boolean;
  /** The run fails requests (runner's runFailure), so its latency is only of what it served. */
  failing?: boolean;
}

export interface SweepOptions extends RunOptions {
  onPoint?: (point: SweepPoint) => void;
}

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
