/**
 * `load.stages` resolved: an open loop's rate over time (with the rate they start from and their
 * mean, the run's `rps`) or a closed loop's users over time (with the peak, the run's `users`),
 * and their total duration (the measured time).
 */

import { stagesMeanRate, type LoadStage, type UserStage } from "../workload/index.js";
import type { RawScenario } from "./raw-scenario.js";
import type { Fail } from "./_fail.js";

/**
 * The stages of `raw.load` (which must have some).
 * @throws ScenarioError (through `fail`) for a stage without a rate or with users, a durationS that is not their total, or no load at all
 */
export function resolveStages(raw: RawScenario, fail: Fail): { stages: LoadStage[]; startRatePerSec: number; durationS: number; meanRatePerSec: number } {
  const load = raw.load;
  load.stages!.forEach((stage, index) => {
    if (stage.ratePerSec === undefined) fail(`load.stages[${index}]`, "must give ratePerSec: an open loop's stages move its rate");
    if (stage.users !== undefined) fail(`load.stages[${index}].users`, "applies to a closed loop; an open loop's stages give ratePerSec");
  });
  const stages = load.stages!.map((stage) => ({ durationS: stage.durationS, ratePerSec: stage.ratePerSec! }));
  const durationS = totalDuration(load.durationS, stages, fail);
  const startRatePerSec = load.ratePerSec ?? 0;
  // Rounded as results round (4 decimals): the mean names the run (`rps`, `istio@491.6667`).
  const meanRatePerSec = Math.round(stagesMeanRate(startRatePerSec, stages) * 1e4) / 1e4;
  if (!(meanRatePerSec > 0)) fail("load.stages", "offer no load: every stage's ratePerSec is 0");
  return { stages, startRatePerSec, durationS, meanRatePerSec };
}

/**
 * The stages of a closed loop's `raw.load`: users over time, the users they start from, their
 * total duration and the peak (the loop's users).
 * @throws ScenarioError (through `fail`) for a stage without users or with a rate, a durationS that is not their total, or no users at all
 */
export function resolveUserStages(raw: RawScenario, fail: Fail): { userStages: UserStage[]; startUsers: number; durationS: number; peakUsers: number } {
  const load = raw.load;
  load.stages!.forEach((stage, index) => {
    if (stage.users === undefined) fail(`load.stages[${index}]`, "must give users: a closed loop's stages move its users");
    if (stage.ratePerSec !== undefined) fail(`load.stages[${index}].ratePerSec`, "applies to an open loop; a closed loop's stages give users");
  });
  const userStages = load.stages!.map((stage) => ({ durationS: stage.durationS, users: stage.users! }));
  const durationS = totalDuration(load.durationS, userStages, fail);
  const startUsers = load.connections ?? 0;
  const peakUsers = Math.max(startUsers, ...userStages.map((stage) => stage.users));
  if (peakUsers === 0) fail("load.stages", "offer no load: every stage's users is 0");
  return { userStages, startUsers, durationS, peakUsers };
}

// --- internal ---

function totalDuration(durationS: number | undefined, stages: Array<{ durationS: number }>, fail: Fail): number {
  const total = stages.reduce((sum, stage) => sum + stage.durationS, 0);
  if (durationS !== undefined && Math.abs(durationS - total) > 1e-9 * total) {
    fail("load.durationS", `must be the stages' total (${total} s) or left out: the stages make the measured time, got ${durationS}`);
  }
  return total;
}

