/**
 * `--mesh all` compares every mesh that can run the scenario as asked: a mesh that cannot
 * express a setting (strict mTLS in Traefik Mesh, an ingress gateway in Linkerd) is left out with
 * the reason, instead of stopping the comparison. An explicit list keeps the error.
 */

import { UnsupportedSettingError } from "../mesh/index.js";
import { meshIds } from "../scenario/index.js";
import type { RunPlan, SkippedMesh } from "./plan-tasks.js";
import { checkMeshSettings, scenarioProfile } from "./prepare-run.js";

/**
 * The plan with only the meshes that can express its settings; the others are listed in
 * `skippedMeshes` with the reason, in the plan's order.
 * @throws UnsupportedSettingError of the first mesh when no mesh can express the settings
 * @throws ScenarioError when a profile or an override is invalid
 * @example dropInexpressibleMeshes({ ...plan, mtls: "strict" }).skippedMeshes // [{ mesh: "traefik-mesh", reason: "cannot express mTLS strict: it supports off" }]
 */
export function dropInexpressibleMeshes(plan: RunPlan): RunPlan {
  const everyMesh = plan.scenario.topology.traffic ? meshIds().map((id) => scenarioProfile(plan.scenario, id)) : [];
  const meshes: string[] = [];
  const skipped: SkippedMesh[] = [];
  let firstError: UnsupportedSettingError | undefined;
  for (const mesh of plan.meshes) {
    try {
      checkMeshSettings(plan, scenarioProfile(plan.scenario, mesh), everyMesh);
      meshes.push(mesh);
    } catch (error) {
      if (!(error instanceof UnsupportedSettingError)) throw error;
      firstError ??= error;
      skipped.push({ mesh, reason: `cannot express ${error.feature}: ${error.detail}` });
    }
  }
  if (meshes.length === 0 && firstError) throw firstError;
  if (skipped.length === 0) return plan;
  return { ...plan, meshes, skippedMeshes: [...(plan.skippedMeshes ?? []), ...skipped] };
}
