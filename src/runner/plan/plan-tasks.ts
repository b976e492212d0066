/**
 * Splits a run request into independent tasks, mesh x load point x replication, in a fixed
 * order. Each task carries everything it needs, so tasks can run on any worker in any order.
 */

import { UnschedulableError } from "../../cluster/index.js";
import { deriveMeshOptions, runMtlsMode, type MeshProfile, type MtlsMode } from "../../mesh/index.js";
import type { Scenario } from "../../scenario/index.js";
import { podFitError } from "./pod-fit-error.js";
import type { ReplicationTask } from "../replication/index.js";

export interface RunPlan {
  scenario: Scenario;
  meshes: string[];
  /** The mTLS mode asked for; undefined runs each mesh in its default mode. */
  mtls?: MtlsMode;
  /** Load points: requests per second (open loop). */
  rates: number[];
  durationS: number;
  warmupS: number;
  /**
   * Whether the scenario's `load.stages` drive the load (no rate was asked for): then `rates`
   * holds their mean rate and `durationS` their total. Absent: each rate is held constant.
   */
  staged?: boolean;
  /** Results over time: the length of each interval of `runs[].timeline`, s; absent, no timeline. */
  intervalS?: number;
  replications: number;
  seed: number;
  /** Meshes of `--mesh all` left out because they cannot express the plan's settings. */
  skippedMeshes?: SkippedMesh[];
}

/** A mesh left out of a run, and why (`cannot express mTLS strict: it supports off`). */
export interface SkippedMesh {
  mesh: string;
  reason: string;
}

/**
 * Tasks in mesh, rate, replication order. The random streams depend on (seed, load point,
 * replication) but not on the mesh, so every mesh sees the same arrivals and service-time
 * draws (common random numbers), which sharpens the differences between meshes.
 * @example planTasks(plan, profiles).length === plan.meshes.length * plan.rates.length * plan.replications
 */
export function planTasks(plan: RunPlan, profiles: Map<string, MeshProfile>): ReplicationTask[] {
  const tasks: ReplicationTask[] = [];
  for (const meshId of plan.meshes) {
    const profile = profiles.get(meshId)!;
    const { mtls, mesh } = meshOfTask(profile, plan.scenario, plan.mtls);
    for (const ratePerSec of plan.rates) {
      for (let replication = 0; replication < plan.replications; replication++) {
        tasks.push({
          scenario: plan.scenario,
          meshId,
          profile,
          mtls,
          mesh,
          ratePerSec,
          durationS: plan.durationS,
          warmupS: plan.warmupS,
          seed: plan.seed,
          ...(plan.staged ? { staged: true } : {}),
          ...(plan.intervalS !== undefined ? { intervalS: plan.intervalS } : {}),
          loadPointKey: plan.staged ? "stages" : `rps=${ratePerSec}`,
          replication,
        });
      }
    }
  }
  return tasks;
}

/**
 * The mTLS mode and mesh facts of a task of `profile` on `scenario`, with `askedMtls` from the
 * command line or the scenario (undefined: the mesh's default).
 * @throws ScenarioError naming the file and the field when machines are declared and a pod fits on no node
 */
export function meshOfTask(profile: MeshProfile, scenario: Scenario, askedMtls: MtlsMode | undefined): Pick<ReplicationTask, "mtls" | "mesh"> {
  const mtls = runMtlsMode(profile, askedMtls);
  const { mesh, load } = scenario;
  const settings = {
    mtls,
    l7: mesh.l7,
    ingress: load.ingress,
    encryption: mesh.encryption,
    clientNode: load.client.node,
    clientMeshed: load.client.meshed,
    gatewayReplicas: mesh.gatewayReplicas,
    waypointReplicas: mesh.waypointReplicas,
    proxyScope: mesh.proxyScope,
    ...(mesh.multiCluster ? { multiCluster: mesh.multiCluster } : {}),
  };
  try {
    return { mtls, mesh: deriveMeshOptions(profile, scenario.topology, settings) };
  } catch (error) {
    if (error instanceof UnschedulableError) throw podFitError(error, scenario, profile.id);
    throw error;
  }
}
