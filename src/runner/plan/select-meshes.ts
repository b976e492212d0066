/**
 * `--mesh all` compares every mesh that can run the scenario as asked: a mesh that cannot
 * express a setting (strict mTLS in Traefik Mesh, an ingress gateway in Linkerd), whose
 * proxies cannot keep up with a planned rate (Traefik Mesh's 200m node proxy at thousands of
 * requests/s), or whose own pods leave an app's pod no node (sidecars' CPU requests on small
 * machines), is left out with the reason, instead of stopping the comparison. An explicit list
 * keeps the error.
 */

import { UnsupportedSettingError, type OverloadError } from "../../mesh/index.js";
import { meshIds } from "../../scenario/index.js";
import { planTasks, type RunPlan, type SkippedMesh } from "./plan-tasks.js";
import { checkPlanBounds } from "./plan-bounds.js";
import { proxyOverloadOf } from "./proxy-overload.js";
import { PodFitError } from "./pod-fit-error.js";
import { checkMeshSettings, scenarioProfile } from "./prepare-run.js";

/**
 * The plan with only the meshes that can express its settings; the others are listed in
 * `skippedMeshes` with the reason, in the plan's order.
 * @throws UnsupportedSettingError, OverloadError or PodFitError of the first mesh when no mesh can run as asked
 * @throws ScenarioError when a profile or an override is invalid, or the plan is too large (checkPlanBounds)
 * @example dropInexpressibleMeshes({ ...plan, mtls: "strict" }).skippedMeshes // [{ mesh: "traefik-mesh", reason: "cannot express mTLS strict: it supports off" }]
 */
export function dropInexpressibleMeshes(plan: RunPlan): RunPlan {
  // Before any mesh's network is built: a plan too large is refused, not half planned.
  checkPlanBounds(plan);
  const everyMesh = plan.scenario.topology.traffic ? meshIds().map((id) => scenarioProfile(plan.scenario, id)) : [];
  const meshes: string[] = [];
  const skipped: SkippedMesh[] = [];
  let firstError: UnsupportedSettingError | OverloadError | PodFitError | undefined;
  for (const mesh of plan.meshes) {
    const profile = scenarioProfile(plan.scenario, mesh);
    try {
      checkMeshSettings(plan, profile, everyMesh);
    } catch (error) {
      if (!(error instanceof UnsupportedSettingError)) throw error;
      firstError ??= error;
      skipped.push({ mesh, reason: `cannot express ${error.feature}: ${error.detail}` });
      continue;
    }
    let task;
    try {
      [task] = planTasks({ ...plan, meshes: [mesh], replications: 1 }, new Map([[mesh, profile]]));
    } catch (error) {
      // The mesh's own pods (sidecars' requests, agents, gateways) leave an app's pod no node.
      if (!(error instanceof PodFitError)) throw error;
      firstError ??= error;
      skipped.push({ mesh, reason: `${error.field} ${error.problem}` });
      continue;
    }
    const overload = proxyOverloadOf(task, plan.rates);
    if (overload) {
      firstError ??= overload;
      skipped.push({ mesh, reason: overloadReason(overload, plan.scenario.file) });
      continue;
    }
    meshes.push(mesh);
  }
  if (meshes.length === 0 && firstError) throw firstError;
  if (skipped.length === 0) return plan;
  return { ...plan, meshes, skippedMeshes: [...(plan.skippedMeshes ?? []), ...skipped] };
}

// --- internal ---

/** An overload's message without the scenario's file name, which the skip line already gives. */
function overloadReason(overload: OverloadError, file: string): string {
  return overload.message.startsWith(`${file}: `) ? overload.message.slice(file.length + 2) : overload.message;
}
