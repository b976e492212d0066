// What `npm run build` leaves after tsc (scripts/bundle.ts): the meshsim command as one bundled
// file in tsc's main.js's place, which starts without loading hundreds of modules and still
// finds the worker threads' bundle, so runs on several workers give the same results.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const COMMAND = join(ROOT, "dist/src/cli/main.js");

function meshsim(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [COMMAND, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status, stdout, stderr };
}

describe("the built meshsim command", () => {
  it("is one file: it imports only Node's built-ins and the packages kept apart (piscina's threads, resvg's addon, vega on demand)", () => {
    const code = readFileSync(COMMAND, "utf8");
    expect(code.startsWith("#!/usr/bin/env node\n")).toBe(true);
    const imported = [...code.matchAll(/^import\b[^;]*?from\s+"([^"]+)"/gm)].map((match) => match[1]);
    expect(imported.filter((specifier) => !specifier.startsWith("node:")).sort()).toEqual(["@resvg/resvg-js", "piscina"]);
    expect(code).not.toMatch(/from\s+"\.\.?\//);
    expect(code).toMatch(/import\("vega"\)/);
  });

  it("prints its version and runs a plan on 2 worker threads with the results of 1", () => {
    const version = meshsim(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
    const run = (workers: string) => {
      const result = meshsim(["run", "fortio", "--mesh", "none,linkerd2", "--duration", "1s", "--warmup", "0s", "--replications", "2", "--workers", workers, "--json", "-", "--quiet"]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const { meta: _meta, ...rest } = JSON.parse(result.stdout) as Record<string, unknown>;
      return JSON.stringify(rest);
    };
    expect(run("2")).toBe(run("1"));
  });
});
