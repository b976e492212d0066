/**
 * Sharded runs: shard i of N runs a contiguous slice of the plan's tasks and writes a shard
 * document (the plan, the profiles and the raw per-task results, histograms included);
 * `mergeShards` checks the shards belong together and assembles exactly the document an
 * unsharded run gives. One shard per Kubernetes Indexed Job completion index.
 */

import type { MeshProfile } from "../mesh/index.js";
import { createDocumentValidator, ScenarioError } from "../scenario/index.js";
import { CompactHistogram, LatencyHistogram } from "../stats/index.js";
import { assembleRuns } from "./summary/index.js";
import { executeTasks, workerCount } from "./execute-tasks.js";
import { planTasks, type RunPlan } from "./plan/index.js";
import { prepareRun } from "./plan/index.js";
import type { ReplicationResult } from "./replication/index.js";
import type { ResultsDocument, ResultsMeta } from "./results/index.js";
import { createMeta, resultsDocument, type RunOptions } from "./run-scenario.js";
import { SHARD_SCHEMA } from "./results/index.js";
import { checkShardSet, type ShardSpec } from "./shard-set.js";
import { withTraces } from "./plan/index.js";

export type { ShardSpec };

export const SHARD_KIND = "meshsim-shard";

export interface ShardDocument {
  schemaVersion: 1;
  kind: typeof SHARD_KIND;
  meta: ResultsMeta;
  shard: ShardSpec;
  plan: RunPlan;
  profiles: Record<string, MeshProfile>;
  taskCount: number;
  /** Index of this shard's first task in the plan. */
  firstTask: number;
  results: ReplicationResult[];
}

/**
 * The half-open range of task indices shard `shard` runs out of `total`.
 * @example shardRange(10, { index: 1, count: 3 }) // [0, 3]
 */
export function shardRange(total: number, shard: ShardSpec): [number, number] {
  return [Math.floor(((shard.index - 1) * total) / shard.count), Math.floor((shard.index * total) / shard.count)];
}

/**
 * Runs one shard of the plan.
 * @throws OverloadError, TaskFailedError, CancelledError as runScenario does
 */
export async function runShard(plan: RunPlan, shard: ShardSpec, options: RunOptions = {}): Promise<ShardDocument> {
  const started = options.wallClock?.() ?? 0;
  const { tasks, profiles } = prepareRun(plan);
  const [first, end] = shardRange(tasks.length, shard);
  const results = await executeTasks(withTraces(tasks.slice(first, end), options.traces, first), options);
  return {
    schemaVersion: 1,
    kind: SHARD_KIND,
    meta: createMeta(options, started, workerCount(options.workers, end - first)),
    shard,
    plan,
    profiles: Object.fromEntries(profiles),
    taskCount: tasks.length,
    firstTask: first,
    results,
  };
}

/**
 * Joins shard documents (named by their files) into the results document of the whole plan.
 * Its `meta.workers` is every shard's worker threads together: they simulated it.
 * @throws ScenarioError naming the file and field when shards are missing, repeated or of different plans
 */
export function mergeShards(shards: Array<{ file: string; value: unknown }>, meta: ResultsMeta): ResultsDocument {
  const documents = shards.map(({ file, value }) => checkShape(file, value));
  const first = documents[0];
  const byIndex = checkShardSet(
    documents.map(({ file, document }) => ({ file, shard: document.shard, planKey: JSON.stringify([document.plan, document.profiles]), document })),
  );
  const { count } = first.document.shard;

  const plan = first.document.plan;
  checkTaskCount(documents);
  const tasks = planTasks(plan, new Map(Object.entries(first.document.profiles)));
  const results: ReplicationResult[] = [];
  for (let index = 1; index <= count; index++) {
    const { document } = byIndex.get(index)!;
    const [start, end] = shardRange(tasks.length, document.shard);
    if (document.firstTask !== start || document.results.length !== end - start) {
      throw new ScenarioError(`shard ${index}`, "results", `holds tasks ${document.firstTask}..${document.firstTask + document.results.length - 1}, expected ${start}..${end - 1}`);
    }
    results.push(...document.results);
  }
  const workers = [...byIndex.values()].reduce((sum, { document }) => sum + (document.meta?.workers ?? 0), 0);
  return resultsDocument(plan, assembleRuns(plan, tasks, results), { ...meta, workers }, new Map(Object.entries(first.document.profiles)));
}

// --- internal ---

const validateShardSchema = createDocumentValidator(SHARD_SCHEMA);

function checkShape(file: string, value: unknown): { file: string; document: ShardDocument } {
  const document = value as Partial<ShardDocument> | null;
  if (typeof document !== "object" || document === null || document.kind !== SHARD_KIND) {
    throw new ScenarioError(file, "kind", `must be ${SHARD_KIND}: this is not a shard document (write one with meshsim run --shard i/N --json file)`);
  }
  if (document.schemaVersion !== 1) throw new ScenarioError(file, "schemaVersion", `must be 1, got ${JSON.stringify(document.schemaVersion)}`);
  validateShardSchema(file, document);
  const shard = document.shard!;
  if (shard.index > shard.count) throw new ScenarioError(file, "shard", "must give index and count with 1 <= index <= count");
  const { plan, profiles } = document as ShardDocument;
  const unprofiled = plan.meshes.find((mesh) => !Object.hasOwn(profiles, mesh));
  if (unprofiled !== undefined) throw new ScenarioError(file, "profiles", `has no profile for mesh ${JSON.stringify(unprofiled)} of plan.meshes`);
  document.results!.forEach((result, index) => checkHistograms(file, `results[${index}]`, result));
  return { file, document: document as ShardDocument };
}

/**
 * The plan's tasks are meshes x rates x replications; the shards must hold exactly that many
 * results, checked before the tasks are built, so a plan asking for billions is refused.
 */
function checkTaskCount(documents: Array<{ file: string; document: ShardDocument }>): void {
  const { file, document } = documents[0];
  const planned = document.plan.meshes.length * document.plan.rates.length * document.plan.replications;
  const held = documents.reduce((sum, { document: shard }) => sum + shard.results.length, 0);
  if (planned !== held || document.taskCount !== planned) {
    throw new ScenarioError(file, "plan", `asks for ${planned} tasks (meshes x rates x replications) but the shards hold ${held} results and taskCount says ${document.taskCount}`);
  }
}

/** The stats layer checks a histogram's buckets; its RangeError becomes one line naming the field. */
function checkHistograms(file: string, at: string, result: ReplicationResult): void {
  const histograms: Array<[string, ReplicationResult["latency"]]> = [
    [`${at}.latency`, result.latency],
    ...result.byRequestType.map((part, index): [string, ReplicationResult["latency"]] => [`${at}.byRequestType[${index}].latency`, part.latency]),
    ...(result.calls?.services ?? []).map((part, index): [string, ReplicationResult["latency"]] => [`${at}.calls.services[${index}].latency`, part.latency]),
    ...(result.calls?.edges ?? []).map((part, index): [string, ReplicationResult["latency"]] => [`${at}.calls.edges[${index}].latency`, part.latency]),
  ];
  for (const [field, json] of histograms) {
    try {
      LatencyHistogram.fromJSON(json);
    } catch (error) {
      if (error instanceof RangeError) throw new ScenarioError(file, field, `is not a latency histogram: ${error.message}`);
      throw error;
    }
  }
  (result.timeline?.intervals ?? []).forEach((interval, index) => {
    try {
      CompactHistogram.fromPacked(interval.latency);
    } catch (error) {
      if (error instanceof RangeError) throw new ScenarioError(file, `${at}.timeline.intervals[${index}].latency`, `is not a latency histogram: ${error.message}`);
      throw error;
    }
  });
}
