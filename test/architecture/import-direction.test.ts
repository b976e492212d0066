/**
 * The house rule that imports flow one way (README, "Layout"): a folder uses only the folders above it
 * in the layout, and reaches another folder through its index.ts. src/mesh/ is split by phase
 * and the same rule holds between its phases: flow -> compile -> preflight -> model; so is
 * src/runner/: its top (pool, shards) -> summary -> plan -> replication -> results. Checked
 * here on every import in src/ (type-only imports obey the same rule).
 */

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

/** Rooms each room may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  engine: [],
  random: [],
  stats: [],
  queueing: ["engine", "random", "stats"],
  cluster: ["queueing", "engine", "random", "stats"],
  "mesh/model": ["cluster", "random"],
  "mesh/preflight": ["mesh/model", "cluster", "random"],
  "mesh/compile": ["mesh/preflight", "mesh/model", "cluster", "queueing", "engine", "random", "stats"],
  "mesh/flow": ["mesh/compile", "mesh/preflight", "mesh/model", "cluster", "queueing", "engine", "random", "stats"],
  mesh: ["mesh/flow", "mesh/compile", "mesh/preflight", "mesh/model"],
  workload: ["queueing", "engine", "random", "stats"],
  scenario: ["mesh", "cluster", "workload", "random"],
  import: ["scenario", "mesh", "random"],
  "runner/results": ["scenario", "mesh", "cluster", "workload", "queueing", "engine", "random", "stats"],
  "runner/replication": ["runner/results", "scenario", "mesh", "cluster", "workload", "queueing", "engine", "random", "stats"],
  "runner/plan": ["runner/replication", "runner/results", "scenario", "mesh", "cluster", "workload", "queueing", "engine", "random", "stats"],
  "runner/summary": ["runner/plan", "runner/replication", "runner/results", "scenario", "mesh", "cluster", "workload", "queueing", "engine", "random", "stats"],
  "runner/traces": ["runner/replication", "runner/results", "scenario", "mesh", "cluster", "workload", "queueing", "engine", "random", "stats"],
  // runner/'s own top: the worker pool, shards and the run as a whole, over its phases.
  runner: ["runner/summary", "runner/plan", "runner/replication", "runner/results", "runner/traces", "scenario", "mesh", "cluster", "workload", "queueing", "engine", "random", "stats"],
  validation: ["runner", "import", "scenario", "mesh", "cluster", "random", "stats"],
  sweep: ["runner", "import", "scenario", "mesh"],
  report: ["runner", "sweep", "stats"],
  check: ["runner", "scenario", "report", "stats", "validation"],
  cli: ["report", "runner", "import", "scenario", "mesh", "validation", "stats", "check", "sweep"],
  // The package's library entry (package.json "exports"): re-exports from the rooms users need.
  "index.ts": ["import", "scenario", "runner", "mesh", "sweep", "report", "check", "stats"],
};

/** Rooms split into sub-rooms: a file belongs to the sub-room its first folder names. */
const SPLIT = new Set(["mesh"]);
/**
 * Rooms split by phase that keep files of their own at the top (runner/: the worker pool and the
 * run as a whole over results -> replication -> plan -> summary): a file in a folder belongs to
 * that sub-room, a file at the top to the room itself.
 */
const PHASED = new Set(["runner"]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"(\.[^"]+)"/gms)].map((match) => match[1]);
}

/** The room of a path relative to src/, and the rest of the path inside it. */
function roomOf(path: string): { room: string; inside: string } {
  const parts = path.split("/");
  if ((SPLIT.has(parts[0]) || PHASED.has(parts[0])) && parts.length > 2) return { room: `${parts[0]}/${parts[1]}`, inside: parts.slice(2).join("/") };
  return { room: parts[0], inside: parts.slice(1).join("/") };
}

describe("import direction", () => {
  const files = sourceFiles(SRC);

  it("every room in src/ has a rule, and a split room holds only its index.ts at the top", () => {
    const rooms = new Set(files.map((file) => roomOf(relative(SRC, file)).room));
    expect([...rooms].filter((room) => !(room in ALLOWED))).toEqual([]);
    const loose = files.map((file) => relative(SRC, file)).filter((path) => SPLIT.has(path.split("/")[0]) && path.split("/").length === 2 && !path.endsWith("/index.ts"));
    expect(loose).toEqual([]);
  });

  it("no file imports from a room below it, and other rooms are reached through index.ts", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = roomOf(relative(SRC, file)).room;
      for (const specifier of importsOf(file)) {
        const { room: to, inside } = roomOf(relative(SRC, join(file, "..", specifier)));
        if (to === from) continue;
        if (!ALLOWED[from].includes(to)) violations.push(`${relative(SRC, file)} imports ${to}/ (${specifier})`);
        else if (inside !== "index.js") violations.push(`${relative(SRC, file)} bypasses ${to}/index.ts (${specifier})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("index.ts files only re-export", () => {
    const offenders = files
      .filter((file) => file.endsWith("/index.ts"))
      .filter((file) => readFileSync(file, "utf8").split("\n").some((line) => /^(const|let|function|class|if|for)\b|^export (const|let|function|class|default)\b/.test(line)))
      .map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });
});
