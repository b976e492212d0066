/**
 * Everything a run decides before simulating: refuse an overloaded system, load each mesh's
 * profile (with the scenario's overrides), and lay out the tasks. Sharded and unsharded runs
 * share it, so a shard's tasks are exactly a slice of the unsharded run's.
 */

import { offeredLoad, OverloadError, type MeshProfile } from "../mesh/index.js";
import { loadMeshProfile } from "../scenario/index.js";
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
 */
export function prepareRun(plan: RunPlan): PreparedRun {
  if (plan.scenario.load.type === "open") for (const rate of plan.rates) refuseOverload(plan, rate);
  const profiles = new Map(
    plan.meshes.map((id) => {
      const overrides = plan.scenario.mesh.overrides[id];
      return [id, loadMeshProfile(id, overrides ? { file: plan.scenario.file, values: overrides } : undefined)];
    }),
  );
  return { plan, profiles, tasks: planTasks(plan, profiles) };
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
}
