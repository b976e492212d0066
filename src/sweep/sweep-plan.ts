/**
 * What a sweep is asked to run (its variants, meshes, loads, SLO) and what its caller hears as it
 * goes, shared by the sweep's planning, its units, its shards and its document.
 */

import type { MtlsMode } from "../mesh/index.js";
import type { RunOptions, RunSummary } from "../runner/index.js";
import type { LoadPoints } from "./load-points.js";
import type { ScenarioVariant } from "./scenario-variants.js";
import type { ParameterSetting } from "./set-parameter.js";
import type { Slo } from "./slo.js";
import type { ParameterValue } from "./sweep-document.js";

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
