// Where worker threads' hot code is compiled: on the threads themselves when they take every
// core, in V8's background threads (its default) when a core is left for them.

import { describe, expect, it } from "vitest";
import { compilesOnWorkers, workerCompilationSetter } from "../../src/runner/worker-compilation.js";

describe("compilesOnWorkers", () => {
  it.each([
    [2, 2, true],
    [16, 8, true],
    [1, 2, false],
    [3, 4, false],
  ])("%i workers on %i cores: %s", (workers, cores, expected) => {
    expect(compilesOnWorkers(workers, cores)).toBe(expected);
  });
});

describe("workerCompilationSetter", () => {
  it("turns V8's background compilation off for workers taking every core, and back on only if it turned it off", () => {
    const set: string[] = [];
    const prepare = workerCompilationSetter((flags) => set.push(flags));
    prepare(1, 2);
    expect(set).toEqual([]);
    prepare(2, 2);
    expect(set).toEqual(["--no-concurrent-recompilation"]);
    prepare(4, 2);
    expect(set).toEqual(["--no-concurrent-recompilation"]);
    prepare(1, 2);
    expect(set).toEqual(["--no-concurrent-recompilation", "--concurrent-recompilation"]);
    prepare(1, 2);
    expect(set).toHaveLength(2);
  });
});
