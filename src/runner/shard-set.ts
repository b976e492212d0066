/**
 * The checks every merge of shards makes, whatever the shards hold (a run's tasks or a sweep's
 * units): they split one plan into the same number of shards, and each shard is there once.
 */

import { ScenarioError } from "../scenario/index.js";

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A shard as merge checks it: its file, its place, and a key that equals only for the same plan. */
export interface ShardEntry {
  file: string;
  shard: ShardSpec;
  planKey: string;
}

/**
 * Checks the shards form one whole and returns them by index.
 * @throws ScenarioError naming the file and field when shards are missing, repeated, counted differently or of different plans
 * @example checkShardSet([{ file: "a.json", shard: { index: 1, count: 1 }, planKey: "k" }]).get(1)?.file // "a.json"
 */
export function checkShardSet<T extends ShardEntry>(entries: readonly T[]): Map<number, T> {
  if (entries.length === 0) throw new ScenarioError("", "merge", "needs at least one shard file");
  const first = entries[0];
  const byIndex = new Map<number, T>();
  for (const entry of entries) {
    if (entry.shard.count !== first.shard.count) throw new ScenarioError(entry.file, "shard.count", `is ${entry.shard.count} but ${first.file} says ${first.shard.count}`);
    if (entry.planKey !== first.planKey) throw new ScenarioError(entry.file, "plan", `differs from ${first.file}'s: the shards come from different runs`);
    if (byIndex.has(entry.shard.index)) throw new ScenarioError(entry.file, "shard.index", `repeats shard ${entry.shard.index}`);
    byIndex.set(entry.shard.index, entry);
  }
  const { count } = first.shard;
  // byIndex holds at most one shard per file, so a count above the files given names missing shards
  // without listing millions of them.
  const missing = Array.from({ length: Math.min(count, entries.length + MAX_MISSING_SHOWN) }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const shown = missing.slice(0, MAX_MISSING_SHOWN).join(", ");
    const more = count - byIndex.size > MAX_MISSING_SHOWN ? ` and ${count - byIndex.size - MAX_MISSING_SHOWN} more` : "";
    throw new ScenarioError("", "merge", `is missing shard${missing.length > 1 ? "s" : ""} ${shown}${more} of ${count}`);
  }
  return byIndex;
}

// --- internal ---

/** Missing shards named one by one in the error; the rest are counted. */
const MAX_MISSING_SHOWN = 10;
