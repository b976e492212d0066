/**
 * The sweep document from its units' results, whichever process ran them: an unsharded sweep
 * and the merge of a sharded one both call it, so their documents are the same outside `meta`.
 */

import { RESULTS_SCHEMA_VERSION, type ProfileCalibration, type ResultsMeta } from "../runner/index.js";
import { REFINE_STEPS_PER_STEP } from "./capacity-search.js";
import type { OverloadedPoint, SweepDocument, SweepInfo } from "./sweep-document.js";
import type { SweepLayout, SweepUnitResult } from "./sweep-units.js";
import type { SweepPlan } from "./sweep-plan.js";

/** What the document says of the sweep besides its units' results: the same on every shard. */
export interface SweepHeader {
  scenario: { name: string; sha256: string };
  seed: number;
  /** The plan's meshes, in its order. */
  meshes: string[];
  sweep: Omit<SweepInfo, "capacity" | "overloaded">;
}

/**
 * The header of a plan's document.
 * @example sweepHeader(plan).sweep.rates // [100, 200]
 */
export function sweepHeader(plan: SweepPlan): SweepHeader {
  const base = plan.variants[0].scenario;
  const range = plan.loadPoints?.range;
  return {
    scenario: { name: base.name, sha256: base.sha256 },
    seed: plan.seed,
    meshes: plan.meshes,
    sweep: {
      // Ascending, whatever order a list gave.
      rates: plan.loadPoints ? [...plan.loadPoints.rates].sort((a, b) => a - b) : [...new Set(plan.variants.map((variant) => variant.scenario.load.ratePerSec))].sort((a, b) => a - b),
      ...(range ? { range } : {}),
      parameters: plan.settings.map((setting) => ({ path: setting.path, values: setting.values })),
      ...(plan.slo ? { slo: plan.slo } : {}),
      ...(plan.slo && range ? { resolutionRps: range.step / REFINE_STEPS_PER_STEP } : {}),
    },
  };
}

/**
 * Assembles the document in the order an unsharded sweep runs its points: runs by variant,
 * mesh and load; per variant the asked loads found overloaded (by load, then mesh), then each
 * mesh's bisection's; capacity by variant and mesh.
 * `results` must hold every unit of `layout` once, in any order.
 */
export function assembleSweep(header: SweepHeader, layout: SweepLayout, results: readonly SweepUnitResult[], meta: ResultsMeta): SweepDocument {
  const meshIndex = (mesh: string) => header.meshes.indexOf(mesh);
  const units = [...results].sort((a, b) => a.variant - b.variant || meshIndex(a.mesh) - meshIndex(b.mesh));
  const overloaded: OverloadedPoint[] = [];
  for (const variant of new Set(units.map((unit) => unit.variant))) {
    const ofVariant = units.filter((unit) => unit.variant === variant);
    overloaded.push(...ofVariant.flatMap((unit) => unit.overloaded).sort((a, b) => a.rps - b.rps || meshIndex(a.mesh) - meshIndex(b.mesh)));
    overloaded.push(...ofVariant.flatMap((unit) => unit.refiningOverloaded));
  }
  const calibration: Record<string, ProfileCalibration> = {};
  for (const unit of units) if (unit.calibration !== undefined) calibration[unit.mesh] = unit.calibration;
  // In the plan's mesh order, so the document never depends on which point ran first.
  const calibrated = header.meshes.filter((mesh) => calibration[mesh] !== undefined);
  const { rates, range, parameters, slo, resolutionRps } = header.sweep;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    meta,
    scenario: header.scenario,
    seed: header.seed,
    runs: units.flatMap((unit) => [...unit.runs].sort((a, b) => a.rps - b.rps)),
    ...(calibrated.length > 0 ? { calibration: Object.fromEntries(calibrated.map((mesh) => [mesh, calibration[mesh]])) } : {}),
    ...(layout.skippedMeshes.length > 0 ? { skippedMeshes: layout.skippedMeshes } : {}),
    sweep: {
      rates,
      ...(range ? { range } : {}),
      parameters,
      ...(slo ? { slo, capacity: units.flatMap((unit) => (unit.capacity ? [unit.capacity] : [])) } : {}),
      ...(resolutionRps !== undefined ? { resolutionRps } : {}),
      overloaded,
    },
  };
}
