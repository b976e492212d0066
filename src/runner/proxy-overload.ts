/**
 * The planning-time check that every proxy a mesh deploys can keep up with the planned rates:
 * the task's network is compiled (no simulation) and its proxies' offered load read off it, as
 * the apps' is read off the call trees. Without it an overloaded proxy runs on with queues that
 * grow for as long as the run lasts.
 */

import { Simulation } from "../engine/index.js";
import { OverloadError, RequestFlow, refuseProxyOverload } from "../mesh/index.js";
import { createRng } from "../random/index.js";
import type { ReplicationTask } from "./replication-task.js";
import { taskFlowOptions } from "./task-flow-options.js";

/**
 * The overload of the first of `rates` (requests/s) at which some proxy of `task`'s mesh cannot
 * keep up, or undefined; closed loops set their own rate and are not checked.
 * @example proxyOverloadOf(tasks[0], [100, 2000])?.station // "agent:node-0"
 */
export function proxyOverloadOf(task: ReplicationTask, rates: readonly number[]): OverloadError | undefined {
  const { scenario } = task;
  if (scenario.load.type !== "open" || task.profile.architecture === "none") return undefined;
  const flow = new RequestFlow(new Simulation(), {
    ...taskFlowOptions(task),
    streams: (...purpose) => createRng(task.seed, "proxy-load-check", ...purpose),
    maxInFlight: 1,
    observer: { requestCompleted: () => {}, requestFailed: () => {} },
  });
  for (const rate of rates) {
    try {
      refuseProxyOverload(flow.network, scenario.topology, rate, scenario.file);
    } catch (error) {
      if (error instanceof OverloadError) return new OverloadError(error.message, error.station, task.meshId);
      throw error;
    }
  }
  return undefined;
}
