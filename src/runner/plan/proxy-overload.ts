/**
 * The planning-time check that every proxy a mesh deploys, and every node's cores when nodes
 * have them, can keep up with the planned rates: the task's network is compiled (no simulation)
 * and its proxies' and nodes' offered load read off it, as the apps' is read off the call trees. Without it an overloaded proxy runs on with queues that
 * grow for as long as the run lasts.
 */

import { Simulation } from "../../engine/index.js";
import { OverloadError, RequestFlow, refuseNodeOverload, refuseProxyOverload } from "../../mesh/index.js";
import { IdleCpuError } from "../../queueing/index.js";
import { createRng } from "../../random/index.js";
import type { ReplicationTask } from "../replication/index.js";
import { refuseAppOverload } from "./app-overload.js";
import { taskFlowOptions } from "../replication/index.js";

/**
 * The overload of the first of `rates` (requests/s) at which some proxy of `task`'s mesh, or some
 * node, cannot keep up, or undefined; closed loops set their own rate, so only a node whose idle
 * containers take all its cores is refused under them.
 * @example proxyOverloadOf(tasks[0], [100, 2000])?.station // "agent:node-0"
 */
export function proxyOverloadOf(task: ReplicationTask, rates: readonly number[]): OverloadError | undefined {
  const { scenario } = task;
  const proxies = task.profile.architecture !== "none";
  if (!proxies && !scenario.topology.cluster.machine) return undefined;
  let flow: RequestFlow;
  try {
    flow = new RequestFlow(new Simulation(), {
      ...taskFlowOptions(task),
      streams: (...purpose) => createRng(task.seed, "proxy-load-check", ...purpose),
      maxInFlight: 1,
      observer: { requestCompleted: () => {}, requestFailed: () => {} },
    });
  } catch (error) {
    // Whatever the load, open or closed: the node could run nothing else.
    if (error instanceof IdleCpuError) return idleOverload(task, error);
    throw error;
  }
  if (scenario.load.type !== "open") return undefined;
  for (const rate of rates) {
    try {
      if (proxies) {
        // The mesh's proxies retry as its traffic rules say: the apps' load with the retries.
        refuseAppOverload(scenario, rate, true);
        refuseProxyOverload(flow.network, scenario.topology, rate, scenario.file);
      }
      refuseNodeOverload(flow.network, scenario.topology, rate, scenario.load.client, proxies, scenario.file);
    } catch (error) {
      if (error instanceof OverloadError) return new OverloadError(error.message, error.station, task.meshId);
      throw error;
    }
  }
  return undefined;
}

// --- internal ---

/** A node whose containers' idle load alone takes its cores, as the overload that refuses the run. */
function idleOverload(task: ReplicationTask, error: IdleCpuError): OverloadError {
  const message =
    `${task.scenario.file}: node ${error.node} is overloaded before any request: under ${task.meshId} its containers' idle CPU alone ` +
    `(sidecars, node agents) is ${error.idleVcpu.toFixed(3)} vCPU of its ${error.cores} vCPU; use bigger nodes (cluster.vcpuPerNode or cluster.machineType)`;
  return new OverloadError(message, error.node, task.meshId);
}
