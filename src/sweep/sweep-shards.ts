/**
 * Sharded sweeps: shard i of N runs every N-th unit (variant, mesh) of the sweep, round robin in
 * the plan's order, and writes its units' results; `mergeSweepShards` checks the shards belong
 * together and assembles exactly the document an unsharded sweep gives. A unit's points do not
 * depend on the other units' (sweep-units.ts), so the shards need not talk to each other.
 */

import { createHash } from "node:crypto";
import { checkShardSet, createMeta, SHARD_KIND, type ResultsMeta, type ShardSpec } from "../runner/index.js";
import { createDocumentValidator, ScenarioError } from "../scenario/index.js";
import { assembleSweep, sweepHeader, type SweepHeader } from "./assemble-sweep.js";
import type { SweepOptions, SweepPlan } from "./sweep-plan.js";
import { SWEEP_SHARD_SCHEMA } from "./sweep-shard-schema.js";
import type { SweepDocument } from "./sweep-document.js";
import { planSweepUnits, runSweepUnits, type SweepLayout, type SweepUnit, type SweepUnitResult } from "./sweep-units.js";

export const SWEEP_SHARD_KIND = "meshsim-sweep-shard";

export interface SweepShardDocument {
  schemaVersion: 1;
  kind: typeof SWEEP_SHARD_KIND;
  meta: ResultsMeta;
  shard: ShardSpec;
  /** Of the plan: every variant's scenario and the sweep's settings. The shards of one sweep share it. */
  planSha256: string;
  header: SweepHeader;
  /** Every unit of the sweep (not only this shard's) and the meshes left out. */
  layout: SweepLayout;
  /** This shard's units' results, in the plan's order. */
  results: SweepUnitResult[];
}

/**
 * The units shard `shard` runs: every `count`-th, starting at the `index`-th. A shard beyond the
 * number of units runs none, as a run's shard beyond its tasks does.
 * @example shardUnits(units, { index: 2, count: 3 }) // units 1, 4, 7, ...
 */
export function shardUnits(units: readonly SweepUnit[], shard: ShardSpec): SweepUnit[] {
  return units.filter((_, position) => position % shard.count === shard.index - 1);
}

/**
 * Runs one shard of the sweep.
 * @throws TaskFailedError for a failure other than overload; CancelledError when cancelled
 */
export async function runSweepShard(plan: SweepPlan, shard: ShardSpec, options: SweepOptions = {}): Promise<SweepShardDocument> {
  const started = options.wallClock?.() ?? 0;
  const layout = planSweepUnits(plan);
  const { results, workers } = await runSweepUnits(plan, layout, shardUnits(layout.units, shard), options);
  return {
    schemaVersion: 1,
    kind: SWEEP_SHARD_KIND,
    meta: createMeta(options, started, workers),
    shard,
    planSha256: planSha256(plan),
    header: sweepHeader(plan),
    layout,
    results,
  };
}

/**
 * Joins a sweep's shard documents (named by their files) into the sweep document of the whole
 * plan. Its `meta.workers` is every shard's worker threads together.
 * @throws ScenarioError naming the file and field when a document is not a sweep's shard, or shards are missing, repeated or of different sweeps
 */
export function mergeSweepShards(shards: Array<{ file: string; value: unknown }>, meta: ResultsMeta): SweepDocument {
  const documents = shards.map(({ file, value }) => checkShape(file, value));
  const byIndex = checkShardSet(
    documents.map(({ file, document }) => ({ file, shard: document.shard, planKey: JSON.stringify([document.planSha256, document.header, document.layout]), document })),
  );
  const { header, layout } = documents[0].document;
  const results: SweepUnitResult[] = [];
  for (const { file, document } of byIndex.values()) {
    const expected = JSON.stringify(shardUnits(layout.units, document.shard).map(unitKey));
    if (JSON.stringify(document.results.map(unitKey)) !== expected) {
      throw new ScenarioError(file, "results", `does not hold the units of shard ${document.shard.index} of ${document.shard.count}`);
    }
    results.push(...document.results);
  }
  const workers = [...byIndex.values()].reduce((sum, { document }) => sum + (document.meta?.workers ?? 0), 0);
  return assembleSweep(header, layout, results, { ...meta, workers });
}

/** Whether a parsed document says it is a sweep's shard (merge then treats all its inputs as such). */
export function isSweepShard(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === SWEEP_SHARD_KIND;
}

// --- internal ---

const validateShardSchema = createDocumentValidator(SWEEP_SHARD_SCHEMA);

function checkShape(file: string, value: unknown): { file: string; document: SweepShardDocument } {
  const document = value as Partial<SweepShardDocument> | null;
  if (typeof document === "object" && document !== null && (document.kind as string) === SHARD_KIND) {
    throw new ScenarioError(file, "kind", `is ${SHARD_KIND}, a run's shard: a run's and a sweep's shards cannot be merged together`);
  }
  if (!isSweepShard(document)) {
    throw new ScenarioError(file, "kind", `must be ${SWEEP_SHARD_KIND}: this is not a sweep's shard document (write one with meshsim sweep --shard i/N --json file)`);
  }
  validateShardSchema(file, document);
  const { shard, header, layout } = document as SweepShardDocument;
  if (shard.index > shard.count) throw new ScenarioError(file, "shard", "must give index and count with 1 <= index <= count");
  const stranger = layout.units.findIndex((unit) => !header.meshes.includes(unit.mesh));
  if (stranger >= 0) throw new ScenarioError(file, `layout.units[${stranger}].mesh`, `is not one of header.meshes`);
  return { file, document: document as SweepShardDocument };
}

function unitKey(unit: SweepUnit): [number, string] {
  return [unit.variant, unit.mesh];
}

/** The plan as the shards must share it: its variants' scenarios and every setting of the sweep. */
function planSha256(plan: SweepPlan): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex");
}
