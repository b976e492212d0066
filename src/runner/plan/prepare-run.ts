/**
 * Everything a run decides before simulating: refuse an overloaded system, load each mesh's
 * profile (with the scenario's overrides), and lay out the tasks. Sharded and unsharded runs
 * share it, so a shard's tasks are exactly a slice of the unsharded run's.
 */

import {
  applyTelemetryCosts,
  checkEncryptionSupport,
  checkIngressSupport,
  checkMultiClusterSupport,
  checkMtlsSupport,
  checkTelemetrySupport,
  checkPolicySupport,
  checkTrafficSupport,
  resolveTelemetry,
  runMtlsMode,
  type MeshProfile,
} from "../../mesh/index.js";
import { loadMeshProfile, meshIds, type Scenario } from "../../scenario/index.js";
import { planTasks, type RunPlan } from "./plan-tasks.js";
import type { ReplicationTask } from "../replication/index.js";
import { refuseAppOverload } from "./app-overload.js";
import { checkPlanBounds } from "./plan-bounds.js";
import { proxyOverloadOf } from "./proxy-overload.js";

export interface PreparedRun {
  plan: RunPlan;
  profiles: Map<string, MeshProfile>;
  tasks: ReplicationTask[];
}

/**
 * Checks and lays out a plan.
 * @throws ScenarioError when the plan is too large (checkPlanBounds)
 * @throws OverloadError when a station's offered utilisation at a planned rate is >= 1 (an app's,
 *   from the call trees; a proxy's, from each mesh's compiled network)
 * @throws ScenarioError when a mesh profile or an override is invalid
 * @throws UnsupportedSettingError when a mesh cannot express the asked mTLS modes, traffic rules,
 *   policies, node-to-node encryption or telemetry
 */
export function prepareRun(plan: RunPlan): PreparedRun {
  checkPlanBounds(plan);
  if (plan.scenario.load.type === "open") for (const rate of plan.rates) refuseAppOverload(plan.scenario, rate, false);
  const profileOf = (id: string) => scenarioProfile(plan.scenario, id);
  const profiles = new Map(plan.meshes.map((id) => [id, profileOf(id)]));
  const tasks = planTasks(plan, profiles);
  // The meshes an error names as able are as this scenario sees them, overrides included.
  const everyMesh = plan.scenario.topology.traffic ? meshIds().map(profileOf) : [];
  for (const profile of profiles.values()) checkMeshSettings(plan, profile, everyMesh);
  for (const meshId of plan.meshes) {
    const overload = proxyOverloadOf(tasks.find((task) => task.meshId === meshId)!, plan.rates);
    if (overload) throw overload;
  }
  return { plan, profiles, tasks };
}

/**
 * The profile `id` as `scenario` sees it, its `mesh.overrides` applied and its proxies' CPU moved
 * by the scenario's `mesh.telemetry` (unchanged when that keeps the mesh's defaults).
 * @throws ScenarioError when the profile or an override is invalid
 */
export function scenarioProfile(scenario: Scenario, id: string): MeshProfile {
  const overrides = scenario.mesh.overrides[id];
  const profile = loadMeshProfile(id, overrides ? { file: scenario.file, values: overrides } : undefined);
  // The proxies pay for the run's telemetry beyond the mesh's defaults (the profile's figures include those).
  return applyTelemetryCosts(profile, resolveTelemetry(profile, scenario.mesh.telemetry));
}

/**
 * Throws unless `profile` can express the plan's settings: its mTLS mode (per service too), the
 * ingress, the policies, the node-to-node encryption, the telemetry and the traffic rules (`everyMesh`: the
 * profiles an error may name as able to).
 * @throws UnsupportedSettingError naming the mesh and the setting
 */
export function checkMeshSettings(plan: RunPlan, profile: MeshProfile, everyMesh: MeshProfile[]): void {
  const { scenario } = plan;
  if (scenario.topology.traffic) checkTrafficSupport(profile, scenario.topology, everyMesh);
  checkMtlsSupport(profile, runMtlsMode(profile, plan.mtls), scenario.topology.services);
  checkIngressSupport(profile, scenario.load.ingress);
  checkPolicySupport(profile, scenario.topology.allowFrom !== undefined, scenario.topology.l7Policies);
  checkEncryptionSupport(profile, scenario.mesh.encryption);
  checkTelemetrySupport(profile, scenario.mesh.telemetry);
  if (scenario.topology.cluster.zones?.clusters) checkMultiClusterSupport(profile, scenario.topology, scenario.mesh.multiCluster, scenario.mesh.l7, multiClusterMeshes());
}

/** The meshes whose profile has a multi-cluster mode, for the error that names them. */
function multiClusterMeshes(): string[] {
  return meshIds().filter((id) => loadMeshProfile(id).multiCluster !== undefined);
}
