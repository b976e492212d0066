/**
 * The CPU samples of a run's timeline: at the end of each interval, what each node and each
 * service's pods (app and sidecar) used since the window opened, less what they had used at the
 * previous end. One event per interval, none per request.
 */

import type { Simulation } from "../../engine/index.js";
import type { Autoscalers } from "./autoscaler.js";
import type { RequestFlow } from "../../mesh/index.js";
import { nodeTotals } from "./node-totals.js";
import type { ReplicationTask } from "./replication-task.js";
import type { TimelineRecorder } from "./timeline-recorder.js";
import { stationsByService, stationsCpuMs } from "./service-stations.js";

/**
 * Schedules the samples of every interval of `timeline` over [windowStartMs, windowEndMs);
 * with `autoscalers`, their pods pending for room are sampled with the replicas. The nodes' CPU
 * counts each container's idle CPU while it ran (NodeCpu.idleCpuMs), as the run's totals do.
 */
export function scheduleTimelineSamples(sim: Simulation, flow: RequestFlow, task: ReplicationTask, timeline: TimelineRecorder, windowStartMs: number, windowEndMs: number, autoscalers?: Autoscalers): void {
  const nodesDeclared = nodeTotals(flow, task, 0, 0) !== undefined;
  const serviceStations = stationsByService(flow, task);
  let previousNodes: number[] | undefined;
  let previousServices: number[] | undefined;
  let index = 0;
  const endOf = (interval: number) => Math.min(windowEndMs, windowStartMs + (interval + 1) * timeline.intervalMs);
  const sample = sim.on("timeline-cpu-sample", () => {
    if (nodesDeclared) {
      const used = nodeTotals(flow, task, sim.now - windowStartMs, 0, autoscalers?.totalsSoFar())!.map((node) => node.cpuMs.app + node.cpuMs.mesh + node.cpuMs.kernel + node.cpuMs.loadGenerator);
      timeline.setNodeCpu(index, used.map((ms, node) => ms - (previousNodes?.[node] ?? 0)));
      previousNodes = used;
    }
    const used = serviceStations.map((list) => stationsCpuMs(flow, list));
    timeline.setServiceCpu(index, used.map((ms, service) => ms - (previousServices?.[service] ?? 0)));
    previousServices = used;
    if (autoscalers) timeline.setReplicas(index, autoscalers.ready());
    if (autoscalers) timeline.setPending(index, Array.from(autoscalers.pending));
    index++;
    if (index < timeline.count) sim.schedule(endOf(index) - sim.now, sample, 0, 0);
  });
  sim.schedule(endOf(0), sample, 0, 0);
}
