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
