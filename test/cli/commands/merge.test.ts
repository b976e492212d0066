import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { meshsim } from "./_meshsim.js";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-merge-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));


const RUN = ["run", "fortio", "--mesh", "none,linkerd2", "--rps", "500,800", "--duration", "1s", "--replications", "2", "--workers", "1"];
const withoutMeta = (json: string) => {
  const { meta: _meta, ...rest } = JSON.parse(json);
  return JSON.stringify(rest);
};

describe("meshsim run --shard and meshsim merge", () => {
  it("merging the shard files of a run gives the unsharded run's document", async () => {
    const full = await meshsim(...RUN, "--json");
    expect(full.exitCode).toBe(EXIT_OK);
    for (const index of [1, 2, 3]) {
      const shard = await meshsim(...RUN, "--shard", `${index}/3`, "--json", join(folder, `s${index}.json`));
      expect(shard.exitCode).toBe(EXIT_OK);
    }
    const merged = await meshsim("merge", join(folder, "s2.json"), join(folder, "s3.json"), join(folder, "s1.json"), "--json", join(folder, "merged.json"));
    expect(merged.exitCode).toBe(EXIT_OK);
    expect(merged.stdout).toContain("linkerd2");
    expect(withoutMeta(readFileSync(join(folder, "merged.json"), "utf8"))).toBe(withoutMeta(full.stdout));
    const toStdout = await meshsim("merge", join(folder, "s1.json"), join(folder, "s2.json"), join(folder, "s3.json"), "--json", "-");
    expect(withoutMeta(toStdout.stdout)).toBe(withoutMeta(full.stdout));
  });

  it("merge --out writes results.json and the report beside it, as run --out does (regression: only results.json)", async () => {
    for (const index of [1, 2]) expect((await meshsim(...RUN, "--shard", `${index}/2`, "--json", join(folder, `o${index}.json`))).exitCode).toBe(EXIT_OK);
    const out = join(folder, "merged-out");
    const merged = await meshsim("merge", join(folder, "o1.json"), join(folder, "o2.json"), "--out", out);
    expect(merged.exitCode).toBe(EXIT_OK);
    expect(merged.stdout.trimEnd().endsWith(`report: ${join(out, "report.html")}`)).toBe(true);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("linkerd2");
    expect(existsSync(join(out, "charts"))).toBe(true);
    const unsharded = await meshsim(...RUN, "--out", join(folder, "run-out"));
    expect(unsharded.exitCode).toBe(EXIT_OK);
    expect(withoutMeta(readFileSync(join(out, "results.json"), "utf8"))).toBe(withoutMeta(readFileSync(join(folder, "run-out", "results.json"), "utf8")));
  });

  it("merges the shards of a closed loop without a pace (its plan's rate is 0) into the unsharded document", async () => {
    const scenario = join(folder, "closed.yaml");
    writeFileSync(
      scenario,
      `name: closed
services: [{ name: api, concurrency: 4, serviceTime: { type: exponential, meanMs: 1 } }]
requestTypes: [{ name: get, entry: api }]
load: { type: closed, connections: 4, durationS: 1 }
`,
    );
    const closed = ["run", scenario, "--mesh", "none,linkerd2", "--replications", "2", "--workers", "1"];
    const full = await meshsim(...closed, "--json");
    expect(full.exitCode).toBe(EXIT_OK);
    for (const index of [1, 2]) expect((await meshsim(...closed, "--shard", `${index}/2`, "--json", join(folder, `c${index}.json`))).exitCode).toBe(EXIT_OK);
    const merged = await meshsim("merge", join(folder, "c1.json"), join(folder, "c2.json"), "--json", "-");
    expect(merged.exitCode).toBe(EXIT_OK);
    expect(withoutMeta(merged.stdout)).toBe(withoutMeta(full.stdout));
  });

  it("regression: --json naming the report.html of --out exits 2 and writes nothing, where the report silently replaced it", async () => {
    const shards = [1, 2].map((index) => join(folder, `clash-${index}.json`));
    for (const [index, file] of shards.entries()) expect((await meshsim(...RUN, "--shard", `${index + 1}/2`, "--json", file)).exitCode).toBe(EXIT_OK);
    const out = join(folder, "clash-out");
    const { exitCode, stdout, stderr } = await meshsim("merge", ...shards, "--out", out, "--json", join(out, "report.html"));
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe("");
    expect(stderr).toBe(`meshsim: --json and --out both write ${join(out, "report.html")}: give each its own file\n`);
    expect(existsSync(out)).toBe(false);
  });

  it.each([["0/3"], ["4/3"], ["1-3"], ["a/b"]])("--shard %s exits 2 naming the flag", async (value) => {
    const { exitCode, stderr } = await meshsim(...RUN, "--shard", value);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: --shard must be i/N with 1 <= i <= N, got "${value}"\n`);
  });

  it("--shard with more than 10000 shards exits 2 naming the flag", async () => {
    const { exitCode, stderr } = await meshsim(...RUN, "--shard", "1/100000");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe('meshsim: --shard allows at most 10000 shards, got "1/100000"\n');
  });

  it.each([
    ["shard.count", (shard: any) => (shard.shard.count = 4294967296), "shard.count must be at most 10000, got 4294967296"],
    ["plan.meshes", (shard: any) => delete shard.plan.meshes, "plan.meshes is required"],
    ["plan.replications", (shard: any) => ((shard.plan.replications = 1e9), (shard.shard.count = 1)), "plan asks for 4000000000 tasks (meshes x rates x replications) but the shards hold 2 results and taskCount says 8"],
  ])("merge of a shard with a crafted %s exits 2 with one line naming it", async (_field, change, problem) => {
    const crafted = join(folder, "crafted.json");
    const shard = JSON.parse(readFileSync(join(folder, "s1.json"), "utf8"));
    change(shard);
    writeFileSync(crafted, JSON.stringify(shard));
    const { exitCode, stderr } = await meshsim("merge", crafted);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${crafted}: ${problem}\n`);
  });

  it("merge of an incomplete set exits 2 and writes nothing", async () => {
    const target = join(folder, "incomplete.json");
    const { exitCode, stderr } = await meshsim("merge", join(folder, "s1.json"), "--json", target);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe("meshsim: merge is missing shards 2, 3 of 3\n");
    expect(existsSync(target)).toBe(false);
  });
});

describe("meshsim sweep --shard and meshsim merge", () => {
  const SWEEP = ["sweep", "fortio", "--mesh", "none,linkerd2", "--rps", "500..1000:500", "--slo", "p99<1ms", "--set", "load.connections=4,8", "--duration", "0.3s", "--warmup", "0.1s", "--replications", "1", "--quiet"];
  const shardFile = (index: number, count: number) => join(folder, `sweep-${index}-of-${count}.json`);

  it("merging a sweep's shard files gives the unsharded sweep's document and table", async () => {
    const full = await meshsim(...SWEEP, "--workers", "2", "--json");
    expect(full.exitCode).toBe(EXIT_OK);
    for (const index of [1, 2, 3]) expect((await meshsim(...SWEEP, "--workers", "1", "--shard", `${index}/3`, "--json", shardFile(index, 3))).exitCode).toBe(EXIT_OK);
    const merged = await meshsim("merge", shardFile(3, 3), shardFile(1, 3), shardFile(2, 3), "--json", "-");
    expect(merged.exitCode).toBe(EXIT_OK);
    expect(withoutMeta(merged.stdout)).toBe(withoutMeta(full.stdout));
    const table = await meshsim("merge", shardFile(1, 3), shardFile(2, 3), shardFile(3, 3));
    expect(table.stdout).toContain("p99<1ms");
    expect(table.stdout).toContain("load.connections=8");
  }, 120_000);

  it("--shard without --json or --out prints the shard document on stdout; with --out it is shard-i-of-N.json", async () => {
    const printed = await meshsim(...SWEEP, "--workers", "1", "--shard", "4/4");
    expect(printed.exitCode).toBe(EXIT_OK);
    expect(JSON.parse(printed.stdout)).toMatchObject({ kind: "meshsim-sweep-shard", shard: { index: 4, count: 4 } });
    const out = join(folder, "sweep-out");
    expect((await meshsim(...SWEEP, "--workers", "1", "--shard", "4/4", "--out", out)).exitCode).toBe(EXIT_OK);
    expect(JSON.parse(readFileSync(join(out, "shard-4-of-4.json"), "utf8")).shard).toEqual({ index: 4, count: 4 });
  }, 60_000);

  it.each([
    ["a run's shard among them", () => [shardFile(1, 3), join(folder, "s2.json")], (file: string[]) => `${file[1]}: kind is meshsim-shard, a run's shard: a run's and a sweep's shards cannot be merged together`],
    ["a repeated shard", () => [shardFile(1, 3), shardFile(1, 3)], (file: string[]) => `${file[1]}: shard.index repeats shard 1`],
    ["a missing shard", () => [shardFile(1, 3), shardFile(3, 3)], () => "merge is missing shard 2 of 3"],
    ["shards counted differently", () => [shardFile(1, 3), join(folder, "sweep-4-of-4.json")], (file: string[]) => `${file[1]}: shard.count is 4 but ${file[0]} says 3`],
  ])("merge of sweep shards with %s exits 2 with one line and writes nothing", async (_case, files, problem) => {
    writeFileSync(join(folder, "sweep-4-of-4.json"), (await meshsim(...SWEEP, "--workers", "1", "--shard", "4/4")).stdout);
    const target = join(folder, "refused.json");
    const { exitCode, stderr } = await meshsim("merge", ...files(), "--json", target);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${problem(files())}\n`);
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it("merge of shards of different sweeps exits 2 naming the plan", async () => {
    const other = join(folder, "other-seed.json");
    expect((await meshsim(...SWEEP, "--workers", "1", "--seed", "2", "--shard", "2/3", "--json", other)).exitCode).toBe(EXIT_OK);
    const { exitCode, stderr } = await meshsim("merge", shardFile(1, 3), other, shardFile(3, 3));
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${other}: plan differs from ${shardFile(1, 3)}'s: the shards come from different runs\n`);
  }, 60_000);

  it("merge of a sweep shard holding another shard's units exits 2 naming its results", async () => {
    const crafted = join(folder, "crafted-sweep.json");
    const shard = JSON.parse(readFileSync(shardFile(2, 3), "utf8"));
    shard.shard.index = 1;
    writeFileSync(crafted, JSON.stringify(shard));
    const { exitCode, stderr } = await meshsim("merge", crafted, shardFile(2, 3), shardFile(3, 3));
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${crafted}: results does not hold the units of shard 1 of 3\n`);
  });
});
