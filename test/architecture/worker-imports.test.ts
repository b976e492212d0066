/**
 * What a worker thread loads before its first task is start-up every parallel run pays per
 * worker: the worker's module graph (value imports, followed from src/runner/worker.ts) must
 * stay clear of the scenario loader, whose YAML parser and JSON Schema compiler took about two
 * thirds of a worker's start-up when one import reached them.
 */

import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

/** Files and packages reached from `entry` by value imports (type-only ones are erased at build). */
function valueImportGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(import|export)(\s+type)?\s[^;]*?from\s+"([^"]+)"/gms)) {
      if (match[2] !== undefined) continue;
      const specifier = match[3];
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the worker's module graph", () => {
  const { files, packages } = valueImportGraph(join(SRC, "runner/worker.ts"));

  it("reaches the simulator (a sanity check of the walk)", () => {
    expect([...files].map((file) => relative(SRC, file))).toEqual(expect.arrayContaining(["runner/replication/run-replication.ts", "mesh/flow/request-flow.ts", "engine/simulation.ts"]));
  });

  it("loads no scenario file, YAML parser or schema compiler", () => {
    expect([...files].map((file) => relative(SRC, file)).filter((path) => path.startsWith("scenario/"))).toEqual([]);
    expect([...packages].filter((name) => ["yaml", "ajv", "fastest-levenshtein"].includes(name))).toEqual([]);
  });
});
