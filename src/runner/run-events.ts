/**
 * The events of a run for its results and charts: when each load stage starts and what it does,
 * and the scenario's timed events, in time order, s into the measured time.
 */

import type { Scenario } from "../scenario/index.js";
import type { ReplicationTask } from "./replication-task.js";
import type { TimelineEvent } from "./results-document.js";

/**
 * The events of `task`'s run in time order (stable: equal times keep their listing order).
 * @example runEvents(task) // [{ atS: 0, event: "stage 1: hold 200/s" }, { atS: 20, event: "stage 2: ramp to 700/s" }]
 */
export function runEvents(task: ReplicationTask): TimelineEvent[] {
  const events = task.staged ? stageEvents(task.scenario) : [];
  const rotateAtS = task.scenario.mesh.rotateCertificatesAtS;
  if (rotateAtS !== undefined && rotateAtS < task.durationS) events.push({ atS: rotateAtS, event: "certificates rotate" });
  return events.map((event, order) => ({ event, order })).sort((a, b) => a.event.atS - b.event.atS || a.order - b.order).map(({ event }) => event);
}

// --- internal ---

function stageEvents(scenario: Scenario): TimelineEvent[] {
  const { stages, startRatePerSec } = scenario.load;
  let from = startRatePerSec ?? 0;
  let atS = 0;
  return (stages ?? []).map((stage, index) => {
    const what = stage.ratePerSec === from ? `hold ${stage.ratePerSec}/s` : `ramp to ${stage.ratePerSec}/s`;
    const event = { atS, event: `stage ${index + 1}: ${what}` };
    atS += stage.durationS;
    from = stage.ratePerSec;
    return event;
  });
}
