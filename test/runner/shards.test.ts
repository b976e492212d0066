import { describe, expect, it } from "vitest";
import { createMeta, mergeShards, runScenario, runShard, shardRange, type RunPlan } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";
import { ScenarioError } from "../../src/scenario/index.js";

function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    scenario: loadScenario("bookinfo"),
    meshes: ["none", "istio", "linkerd2"],
    rates: [150, 250],
    durationS: 1,
    warmupS: 0.2,
    replications: 2,
    seed: 4,
    ...overrides,
  };
}

const withoutMeta = ({ meta: _meta, ...rest }: { meta: unknown }) => JSON.stringify(rest);
const meta = () => createMeta({}, 0, 0);

describe("shardRange", () => {
  it.each([
    [10, 1, 3, [0, 3]],
    [10, 2, 3, [3, 6]],
    [10, 3, 3, [6, 10]],
    [2, 3, 3, [1, 2]],
  ])("%i tasks, shard %i of %i -> %j", (total, index, count, range) => {
    expect(shardRange(total, { index, count })).toEqual(range);
  });
});

describe("mergeShards", () => {
  it("3 merged shards give byte for byte the unsharded results document (outside meta)", async () => {
    const unsharded = await runScenario(plan(), { workers: 2 });
    const shards = await Promise.all([1, 2, 3].map((index) => runShard(plan(), { index, count: 3 }, { workers: 1 })));
    // Shards travel as JSON files; merge what a file would hold, in any order.
    const files = shards.map((shard, i) => ({ file: `s${i + 1}.json`, value: JSON.parse(JSON.stringify(shard)) }));
    const merged = mergeShards([files[2], files[0], files[1]], meta());
    expect(withoutMeta(merged)).toBe(withoutMeta(unsharded));
    // Each shard simulated on one thread: the merged document was made by three.
    expect(shards.map((shard) => shard.meta.workers)).toEqual([1, 1, 1]);
    expect(merged.meta.workers).toBe(3);
  });

  it("gives the same results with 1, 2 and 4 workers", async () => {
    const documents = await Promise.all([1, 2, 4].map((workers) => runScenario(plan({ meshes: ["istio"] }), { workers })));
    expect(new Set(documents.map(withoutMeta)).size).toBe(1);
  });

  async function twoShardFiles() {
    const shards = await Promise.all([1, 2].map((index) => runShard(plan({ meshes: ["none"], rates: [100] }), { index, count: 2 }, { workers: 1 })));
    return shards.map((shard, i) => ({ file: `s${i + 1}.json`, value: JSON.parse(JSON.stringify(shard)) }));
  }

  it.each([
    ["a missing shard", (files: Array<{ file: string; value: any }>) => [files[0]], ": merge is missing shard 2 of 2"],
    ["a repeated shard", (files: Array<{ file: string; value: any }>) => [files[0], files[0], files[1]], "s1.json: shard.index repeats shard 1"],
    ["a shard of another run", (files: Array<{ file: string; value: any }>) => [files[0], { file: "s2.json", value: { ...files[1].value, plan: { ...files[1].value.plan, seed: 5 } } }], "s2.json: plan differs from s1.json's: the shards come from different runs"],
    ["a results document instead of a shard", (files: Array<{ file: string; value: any }>) => [{ file: "r.json", value: { schemaVersion: 1, runs: [] } }, files[1]], "r.json: kind must be meshsim-shard: this is not a shard document (write one with meshsim run --shard i/N --json file)"],
  ])("refuses %s", async (_what, pick, message) => {
    const files = await twoShardFiles();
    let caught: unknown;
    try {
      mergeShards(pick(files), meta());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as Error).message).toBe(message.startsWith(":") ? message.slice(2) : message);
  });
});
