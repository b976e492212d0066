// Where worker threads' hot code is compiled: on the threads themselves when they take every
// core, in V8's background threads (its default) when a core is left for them.

import { beforeEach, describe, expect, it, vi } from "vitest";

const { setFlagsFromString } = vi.hoisted(() => ({ setFlagsFromString: vi.fn() }));
vi.mock("node:v8", () => ({ setFlagsFromString }));

const { compilesOnWorkers, prepareWorkerCompilation } = await import("../../src/runner/worker-compilation.js");

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

describe("prepareWorkerCompilation", () => {
  beforeEach(() => setFlagsFromString.mockClear());

  it("turns V8's background compilation off for workers taking every core, and back on only if it turned it off", () => {
    prepareWorkerCompilation(1, 2);
    expect(setFlagsFromString).not.toHaveBeenCalled();
    prepareWorkerCompilation(2, 2);
    expect(setFlagsFromString).toHaveBeenLastCalledWith("--no-concurrent-recompilation");
    prepareWorkerCompilation(4, 2);
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    prepareWorkerCompilation(1, 2);
    expect(setFlagsFromString).toHaveBeenLastCalledWith("--concurrent-recompilation");
    prepareWorkerCompilation(1, 2);
    expect(setFlagsFromString).toHaveBeenCalledTimes(2);
  });
});
