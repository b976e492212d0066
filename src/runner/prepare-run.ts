/**
 * Everything a run decides before simulating: refuse an overloaded system, load each mesh's
 * profile (with the scenario's overrides), and lay out the tasks. Sharded and unsharded runs
 * share it, so a shard's tasks are exactly a slice of the unsharded run's.
 */

import {
  checkEncryptionSupport,
  checkIngressSupport,
  checkMtlsSupport,
  checkPolicySupport,
  checkTrafficSupport,
  offeredLoad,
  OverloadError,
  type MeshProfile,
} from "../mesh/index.js";
import { loadMeshProfile, meshIds } from "../scenario/index.js";
import { planTasks, type RunPlan } from "./plan-tasks.js";
import type { ReplicationTask } from "./replication-task.js";

export interface PreparedRun {
  plan: RunPlan;
  profiles: Map<string, MeshProfile>;
  tasks: ReplicationTask[];
}

/**
 * Checks and lays out a plan.
 * @throws OverloadError when a station's offered utilisation at a planned rate is >= 1
 * @throws ScenarioError when a mesh profile or an override is invalid
 * @throws UnsupportedSettingError when a mesh cannot express the asked mTLS modes, traffic rules,
 *   policies or node-to-node encryption
 */
export function prepareRun(plan: RunPlan): PreparedRun {
  if (plan.scenario.load.type === "open") for (const rate of plan.rates) refuseOverload(plan, rate);
  const profileOf = (id: string): MeshProfile => {
    const overrides = plan.scenario.mesh.overrides[id];
    return loadMeshProfile(id, overrides ? { file: plan.scenario.file, values: overrides } : undefined);
  };
  const profiles = new Map(plan.meshes.map((id) => [id, profileOf(id)]));
  const tasks = planTasks(plan, profiles);
  if (plan.scenario.topology.traffic) {
    // The meshes an error names as able are as this scenario sees them, overrides included.
    const everyMesh = meshIds().map(profileOf);
    for (const profile of profiles.values()) checkTrafficSupport(profile, plan.scenario.topology, everyMesh);
  }
  for (const task of tasks) {
    checkMtlsSupport(task.profile, task.mtls, plan.scenario.topology.services);
    checkIngressSupport(task.profile, plan.scenario.load.ingress);
    checkPolicySupport(task.profile, plan.scenario.topology.allowFrom !== undefined, plan.scenario.topology.l7Policies);
    checkEncryptionSupport(task.profile, plan.scenario.mesh.encryption);
  }
  return { plan, profiles, tasks };
}

// --- internal ---

function refuseOverload(plan: RunPlan, ratePerSec: number): void {
  const loads = offeredLoad(plan.scenario.topology, ratePerSec);
  const worst = loads.reduce((a, b) => (b.utilization > a.utilization ? b : a));
  if (worst.utilization >= 1) {
    throw new OverloadError(
      `${plan.scenario.file}: overloaded at ${ratePerSec} requests/s: service ${worst.service} would be ` +
        `${(worst.utilization * 100).toFixed(0)}% busy (utilisation >= 1, queues grow without bound); ` +
        `lower the rate or add replicas or concurrency`,
      `app/${worst.service}`,
    );
  }
  const limitShare = (load: (typeof loads)[number]) => load.cpuLimitUtilization ?? 0;
  const tightest = loads.reduce((a, b) => (limitShare(b) > limitShare(a) ? b : a));
  if (limitShare(tightest) >= 1) {
    throw new OverloadError(
      `${plan.scenario.file}: overloaded at ${ratePerSec} requests/s: service ${tightest.service} would need ` +
        `${(limitShare(tightest) * 100).toFixed(0)}% of its CPU limit (CFS throttles it in every period, queues grow without bound); ` +
        `lower the rate, or raise its resources.cpuLimit or replicas`,
      `app/${tightest.service}`,
    );
  }
}
