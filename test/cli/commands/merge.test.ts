import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
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

  it.each([["0/3"], ["4/3"], ["1-3"], ["a/b"]])("--shard %s exits 2 naming the flag", async (value) => {
    const { exitCode, stderr } = await meshsim(...RUN, "--shard", value);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: --shard must be i/N with 1 <= i <= N, got "${value}"\n`);
  });

  it("merge of an incomplete set exits 2 and writes nothing", async () => {
    const target = join(folder, "incomplete.json");
    const { exitCode, stderr } = await meshsim("merge", join(folder, "s1.json"), "--json", target);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe("meshsim: merge is missing shards 2, 3 of 3\n");
    expect(existsSync(target)).toBe(false);
  });
});
