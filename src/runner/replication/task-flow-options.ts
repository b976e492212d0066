/**
 * What a task fixes of the request flow it runs: the topology and its call program, the mesh,
 * and the load generator's place and habits. The replication and the planning-time proxy check
 * both build their flow from it, so the network checked is the network simulated.
 */

import { compileTopologyProgram, type RequestFlowOptions } from "../../mesh/index.js";
import type { ReplicationTask } from "./replication-task.js";
import { timelineMesh, timelineTopology } from "./schedule-timeline.js";

/** The task's part of RequestFlowOptions (the caller adds streams, maxInFlight and the observer). */
export type TaskFlowOptions = Omit<RequestFlowOptions, "streams" | "maxInFlight" | "observer">;

/**
 * @example new RequestFlow(sim, { ...taskFlowOptions(task), streams, maxInFlight, observer })
 */
export function taskFlowOptions(task: ReplicationTask): TaskFlowOptions {
  const { load } = task.scenario;
  // The timeline's outages and killed pods' time down are outage windows of the run's topology,
  // and the pods its evictions create are replicas of it, placed on their new nodes.
  const topology = timelineTopology(task);
  return {
    topology,
    program: compileTopologyProgram(topology),
    profile: task.profile,
    mesh: timelineMesh(task),
    clientNode: load.client.node,
    clientMeshed: load.client.meshed,
    clientKeepAlive: load.keepAlive,
    clientCpuMsPerRequest: load.client.cpuMsPerRequest,
  };
}
