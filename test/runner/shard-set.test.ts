// The checks every merge makes of its shards, a run's or a sweep's: one line naming the file
// and the field, for each way a set of shards can fail to be one whole.

import { describe, expect, it } from "vitest";
import { checkShardSet, type ShardEntry } from "../../src/runner/index.js";

const entry = (file: string, index: number, count: number, planKey = "plan"): ShardEntry => ({ file, shard: { index, count }, planKey });

describe("checkShardSet", () => {
  it("returns the shards by index, whatever order they came in", () => {
    const byIndex = checkShardSet([entry("b.json", 2, 2), entry("a.json", 1, 2)]);
    expect([...byIndex.keys()].sort()).toEqual([1, 2]);
    expect(byIndex.get(1)!.file).toBe("a.json");
  });

  it.each([
    ["no shards", [], "merge needs at least one shard file"],
    ["counted differently", [entry("a.json", 1, 2), entry("b.json", 2, 3)], "b.json: shard.count is 3 but a.json says 2"],
    ["of different plans", [entry("a.json", 1, 2), entry("b.json", 2, 2, "other")], "b.json: plan differs from a.json's: the shards come from different runs"],
    ["repeated", [entry("a.json", 1, 2), entry("b.json", 1, 2)], "b.json: shard.index repeats shard 1"],
    ["missing one", [entry("a.json", 1, 3), entry("c.json", 3, 3)], "merge is missing shard 2 of 3"],
    ["missing many", [entry("a.json", 1, 10000)], "merge is missing shards 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 9989 more of 10000"],
  ])("refuses shards %s", (_case, entries, message) => {
    expect(() => checkShardSet(entries)).toThrow(message);
  });
});
