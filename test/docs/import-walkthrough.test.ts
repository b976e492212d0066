// The README's "Model your own application" walkthrough works as written: its first commands import
// the example's traces and manifests and run the result under the meshes it names.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { meshsim } from "../cli/commands/_meshsim.js";

const ROOT = join(import.meta.dirname, "../..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = README.slice(README.indexOf("## Model your own application"));
const commands = /```sh\n([\s\S]*?)```/
  .exec(section)![1]
  .trim()
  .split("\n")
  .map((line) => line.trim().split(/\s+/));

const folder = mkdtempSync(join(tmpdir(), "meshsim-walkthrough-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The README's relative paths, from the repository's root; its output file in a scratch folder. */
function resolve(word: string): string {
  if (word === "shop.yaml") return join(folder, word);
  return word.startsWith("examples/") ? join(ROOT, word) : word;
}

describe("README walkthrough: model your own application", () => {
  it("imports the example, then compares meshes on it", async () => {
    expect(commands.map((words) => words.slice(0, 3).join(" "))).toEqual(["npx meshsim import", "npx meshsim run"]);
    const imported = await meshsim(...commands[0].slice(2).map(resolve));
    expect(imported.exitCode, imported.stderr).toBe(0);
    const run = await meshsim(...commands[1].slice(2).map(resolve), "--workers", "1", "--quiet");
    expect(run.exitCode, run.stderr).toBe(0);
    const meshes = commands[1][commands[1].indexOf("--mesh") + 1].split(",");
    for (const mesh of meshes) expect(run.stdout).toMatch(new RegExp(`│ ${mesh}\\s+│`));
  });
});
