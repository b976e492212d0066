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

  it("with mesh.telemetry (golden signals per service and edge), 3 merged shards and 1, 2 or 4 workers give the same document", async () => {
    const bookinfo = loadScenario("bookinfo");
    const telemetryPlan = () => plan({ scenario: { ...bookinfo, mesh: { ...bookinfo.mesh, telemetry: {} } }, meshes: ["istio", "linkerd2"] });
    const unsharded = await runScenario(telemetryPlan(), { workers: 1 });
    expect(unsharded.runs.every((run) => run.telemetry!.services.length === 4 && run.telemetry!.graph.edges.every((edge) => edge.p99Ms! > 0))).toBe(true);
    const shards = await Promise.all([1, 2, 3].map((index) => runShard(telemetryPlan(), { index, count: 3 }, { workers: 1 })));
    const files = shards.map((shard, i) => ({ file: `s${i + 1}.json`, value: JSON.parse(JSON.stringify(shard)) }));
    expect(withoutMeta(mergeShards([files[1], files[2], files[0]], meta()))).toBe(withoutMeta(unsharded));
    const pooled = await Promise.all([2, 4].map((workers) => runScenario(telemetryPlan(), { workers })));
    for (const document of pooled) expect(withoutMeta(document)).toBe(withoutMeta(unsharded));
  });

  it("gives the same results with 1, 2 and 4 workers", async () => {
    const documents = await Promise.all([1, 2, 4].map((workers) => runScenario(plan({ meshes: ["istio"] }), { workers })));
    expect(new Set(documents.map(withoutMeta)).size).toBe(1);
  });

  type Files = Array<{ file: string; value: any }>;
  /** A copy of a shard file with `change` made to its document, as a crafted file would be. */
  const edit = (file: Files[number], change: (value: any) => unknown) => {
    const value = structuredClone(file.value);
    change(value);
    return { file: file.file, value };
  };

  async function twoShardFiles() {
    const shards = await Promise.all([1, 2].map((index) => runShard(plan({ meshes: ["none"], rates: [100], intervalS: 0.25 }), { index, count: 2 }, { workers: 1 })));
    return shards.map((shard, i) => ({ file: `s${i + 1}.json`, value: JSON.parse(JSON.stringify(shard)) }));
  }

  it.each([
    ["a missing shard", (files: Array<{ file: string; value: any }>) => [files[0]], ": merge is missing shard 2 of 2"],
    ["a repeated shard", (files: Array<{ file: string; value: any }>) => [files[0], files[0], files[1]], "s1.json: shard.index repeats shard 1"],
    ["a shard of another run", (files: Array<{ file: string; value: any }>) => [files[0], { file: "s2.json", value: { ...files[1].value, plan: { ...files[1].value.plan, seed: 5 } } }], "s2.json: plan differs from s1.json's: the shards come from different runs"],
    ["a results document instead of a shard", (files: Array<{ file: string; value: any }>) => [{ file: "r.json", value: { schemaVersion: 1, runs: [] } }, files[1]], "r.json: kind must be meshsim-shard: this is not a shard document (write one with meshsim run --shard i/N --json file)"],
    ["an absurd shard count", (files: Files) => [edit(files[0], (v) => (v.shard.count = 4294967296))], "s1.json: shard.count must be at most 10000, got 4294967296"],
    ["a count far above the files given", (files: Files) => files.map((f) => edit(f, (v) => (v.shard.count = 1000))), ": merge is missing shards 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 988 more of 1000"],
    ["a plan without meshes", (files: Files) => [edit(files[0], (v) => delete v.plan.meshes), files[1]], "s1.json: plan.meshes is required"],
    ["a plan asking for a billion tasks", (files: Files) => files.map((f) => edit(f, (v) => (v.plan.replications = 1e9))), "s1.json: plan asks for 1000000000 tasks (meshes x rates x replications) but the shards hold 2 results and taskCount says 2"],
    ["a mesh without a profile", (files: Files) => [edit(files[0], (v) => (v.profiles = {})), files[1]], 's1.json: profiles has no profile for mesh "none" of plan.meshes'],
    ["a result without latency", (files: Files) => [edit(files[0], (v) => delete v.results[0].latency), files[1]], "s1.json: results[0].latency is required"],
    ["a histogram bucket out of range", (files: Files) => [edit(files[0], (v) => (v.results[0].latency.counts = [[1e12, 1]])), files[1]], "s1.json: results[0].latency is not a latency histogram: json.counts[0][0] must be an integer index above -1 and below 35840, got 1000000000000"],
    [
      "a timeline histogram bucket out of range",
      (files: Files) => [edit(files[0], (v) => (v.results[0].timeline.intervals[1].latency.buckets[0] = 1e12)), files[1]],
      "s1.json: results[0].timeline.intervals[1].latency is not a latency histogram: json.buckets[0] must be an integer index above -1 and below 1280",
    ],
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
