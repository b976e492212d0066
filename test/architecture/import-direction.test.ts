/**
 * The house rule that imports flow one way (style.md):
 * cli -> runner -> scenario -> {workload, mesh} -> queueing -> engine; random and stats are
 * shared leaves; sweep (load and parameter sweeps, SLO search) sits between cli and runner;
 * report sees only results (runner's and sweep's types) and stats; check (the CI gate: thresholds,
 * baselines, CI outputs) sits beside report and validation, under cli. Checked here on every
 * import in src/.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

/** Folders each folder may import from (besides itself). Type-only imports obey the same rule. */
const ALLOWED: Record<string, string[]> = {
  engine: [],
  random: [],
  stats: [],
  queueing: ["engine", "random", "stats"],
  workload: ["queueing", "engine", "random", "stats"],
  mesh: ["queueing", "engine", "random", "stats"],
  scenario: ["mesh", "workload", "random"],
  runner: ["scenario", "mesh", "workload", "queueing", "engine", "random", "stats"],
  validation: ["runner", "scenario", "mesh", "random", "stats"],
  sweep: ["runner", "scenario", "mesh"],
  report: ["runner", "sweep", "stats"],
  check: ["runner", "scenario", "report", "stats", "validation"],
  cli: ["report", "runner", "scenario", "mesh", "validation", "stats", "check", "sweep"],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"(\.[^"]+)"/gms)].map((match) => match[1]);
}

describe("import direction", () => {
  const files = sourceFiles(SRC);

  it("every folder in src/ has a rule", () => {
    const folders = new Set(files.map((file) => relative(SRC, file).split("/")[0]));
    expect([...folders].filter((folder) => !(folder in ALLOWED))).toEqual([]);
  });

  it("no file imports from a folder above it, and other folders are reached through index.ts", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = relative(SRC, file).split("/")[0];
      for (const specifier of importsOf(file)) {
        const target = relative(SRC, join(file, "..", specifier)).split("/");
        const to = target[0];
        if (to === from) continue;
        if (!ALLOWED[from].includes(to)) violations.push(`${relative(SRC, file)} imports ${to}/ (${specifier})`);
        else if (target.slice(1).join("/") !== "index.js") violations.push(`${relative(SRC, file)} bypasses ${to}/index.ts (${specifier})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
