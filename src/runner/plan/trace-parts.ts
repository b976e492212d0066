/**
 * A traced run writes one file per task into a folder of its own (workers never share a file);
 * the parts, read in task order, make the run's OTLP JSON Lines. Which task wrote what does not
 * depend on scheduling, so the joined file is the same for any number of workers.
 */

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { packageVersion } from "../../scenario/index.js";
import type { ReplicationTask } from "../replication/index.js";

/** What `--traces` asks of a run: the folder the tasks write their parts into, and the sampling ratio. */
export interface TraceOptions {
  folder: string;
  /** Share of the measured requests traced, 0 < ratio <= 1. */
  sampleRatio: number;
}

/**
 * `tasks` (the plan's, from index `firstIndex` on) each told to write its part of the traces.
 * @example withTraces(tasks, { folder: "/tmp/parts", sampleRatio: 0.1 })[2].traces.file // "/tmp/parts/task-2.jsonl"
 */
export function withTraces(tasks: ReplicationTask[], traces: TraceOptions | undefined, firstIndex = 0): ReplicationTask[] {
  if (traces === undefined) return tasks;
  const toolVersion = packageVersion();
  return tasks.map((task, i) => ({ ...task, traces: { file: join(traces.folder, partName(firstIndex + i)), sampleRatio: traces.sampleRatio, taskIndex: firstIndex + i, toolVersion } }));
}

/** The parts written into `folder`, in task order. */
export function tracePartFiles(folder: string): string[] {
  return readdirSync(folder)
    .map((name) => ({ name, index: /^task-(\d+)\.jsonl$/.exec(name)?.[1] }))
    .filter((part): part is { name: string; index: string } => part.index !== undefined)
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((part) => join(folder, part.name));
}

// --- internal ---

function partName(taskIndex: number): string {
  return `task-${taskIndex}.jsonl`;
}
