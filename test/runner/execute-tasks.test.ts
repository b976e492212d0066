import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { workerScript } from "../../src/runner/execute-tasks.js";
import { CancelledError, defaultWorkerCount, destroyKeptPool, executeTasks, planTasks, TaskFailedError, workerCount, type KeptPool } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";
import { loadMeshProfile } from "../../src/scenario/index.js";

const fixture = (name: string) => new URL(`../fixtures/${name}.ts`, import.meta.url);

function someTasks(count: number) {
  return planTasks(
    { scenario: loadScenario("fortio"), meshes: ["none"], rates: [100], durationS: 1, warmupS: 0, replications: count, seed: 9 },
    new Map([["none", loadMeshProfile("none")]]),
  );
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the run to fail");
}

describe("workerCount", () => {
  it.each([
    [4, 10, 4],
    [4, 2, 2],
    [1, 10, 1],
    [3, 0, 1],
  ])("workerCount(%i asked, %i tasks) is %i", (requested, tasks, expected) => {
    expect(workerCount(requested, tasks)).toBe(expected);
  });

  it("without a request, one per core, capped by the tasks", () => {
    expect(workerCount(undefined, 1000)).toBe(defaultWorkerCount());
    expect(workerCount(undefined, 1)).toBe(1);
  });
});

describe("executeTasks", () => {
  it("a task that throws in a worker fails the run with one line naming the task", async () => {
    const error = await failureOf(executeTasks(someTasks(3), { workers: 2, workerScript: fixture("throwing-worker") }));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error.message).toMatch(/^task failed \(mesh none, rps=100, replication \d, seed 9\): model exploded$/);
  });

  it("a worker thread that dies fails the run instead of hanging", async () => {
    const error = await failureOf(executeTasks(someTasks(2), { workers: 2, workerScript: fixture("exiting-worker") }));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error.message).toMatch(/^task failed \(mesh none, rps=100, replication \d, seed 9\): /);
  });

  it("a worker that runs out of its heap limit fails the run, naming the task", async () => {
    const error = await failureOf(executeTasks(someTasks(1), { workers: 1, workerMemoryMb: 64, workerScript: fixture("leaking-worker") }));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error.message).toMatch(/memory/i);
  });

  it("aborting the signal cancels running and pending tasks", async () => {
    const controller = new AbortController();
    const run = executeTasks(someTasks(4), { workers: 2, signal: controller.signal, workerScript: fixture("slow-worker") });
    setTimeout(() => controller.abort(), 300);
    const error = await failureOf(run);
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.message).toBe("cancelled after 0 of 4 tasks; no results were written");
  });

  it("a kept pool serves the next plan with the same threads, until its owner destroys it", async () => {
    const kept: KeptPool = {};
    const first = await executeTasks(someTasks(4), { workers: 2, keptPool: kept });
    const pool = kept.pool;
    expect(pool).toBeDefined();
    expect(pool!.threads).toHaveLength(2);
    const threadIds = pool!.threads.map((thread) => thread.threadId);
    const second = await executeTasks(someTasks(4), { workers: 2, keptPool: kept });
    expect(kept.pool).toBe(pool);
    expect(pool!.threads.map((thread) => thread.threadId)).toEqual(threadIds);
    // The same results as pools of their own.
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(await executeTasks(someTasks(4), { workers: 2 }))).toBe(JSON.stringify(first));
    await destroyKeptPool(kept);
    expect(kept.pool).toBeUndefined();
    expect(pool!.threads).toHaveLength(0);
  });

  it("a kept pool has every thread asked for, though its first plan has fewer tasks", async () => {
    const kept: KeptPool = {};
    await executeTasks(someTasks(1), { workers: 2, keptPool: kept, signal: new AbortController().signal });
    expect(kept.pool!.threads).toHaveLength(2);
    await destroyKeptPool(kept);
  });

  it("a failed plan leaves its kept pool to the next plan; a cancelled one ends it", async () => {
    const kept: KeptPool = {};
    const error = await failureOf(executeTasks(someTasks(2), { workers: 2, keptPool: kept, workerScript: fixture("throwing-worker") }));
    expect(error).toBeInstanceOf(TaskFailedError);
    const pool = kept.pool;
    expect(pool).toBeDefined();
    // The same threads answer the next plan (its tasks still throw: the fixture's worker).
    expect(await failureOf(executeTasks(someTasks(2), { workers: 2, keptPool: kept, workerScript: fixture("throwing-worker") }))).toBeInstanceOf(TaskFailedError);
    expect(kept.pool).toBe(pool);
    await destroyKeptPool(kept);

    const controller = new AbortController();
    const run = executeTasks(someTasks(4), { workers: 2, signal: controller.signal, keptPool: kept, workerScript: fixture("slow-worker") });
    setTimeout(() => controller.abort(), 300);
    expect(await failureOf(run)).toBeInstanceOf(CancelledError);
    expect(kept.pool).toBeUndefined();
  });

  it("returns results in task order whatever order the workers finish in", async () => {
    const tasks = someTasks(6);
    const results = await executeTasks(tasks, { workers: 2 });
    expect(results.map((result) => result.task.replication)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("workerScript", () => {
  const built = join(import.meta.dirname, "../../dist/src/runner");

  it("built code runs the worker bundle beside it (after npm run build): one file, shipped in the package, that imports only Node's built-ins", () => {
    const bundle = join(built, "worker-bundle.js");
    expect(workerScript(undefined, pathToFileURL(join(built, "execute-tasks.js")).href)).toEqual({ filename: pathToFileURL(bundle).href });
    expect(existsSync(`${bundle}.map`)).toBe(true);
    const { files } = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { files: string[] };
    expect(files.some((folder) => "dist/src/runner/worker-bundle.js".startsWith(`${folder}/`))).toBe(true);
    const specifiers = [...readFileSync(bundle, "utf8").matchAll(/^import\b[^;]*?from\s+"([^"]+)"/gm)].map((match) => match[1]);
    expect(specifiers).toContain("node:module");
    expect(specifiers.filter((specifier) => !specifier.startsWith("node:"))).toEqual([]);
  });

  it("the meshsim command's bundle (dist/src/cli/main.js, which holds this module) finds the same worker bundle in runner/", () => {
    const fromCommand = pathToFileURL(join(built, "../cli/main.js")).href;
    expect(workerScript(undefined, fromCommand)).toEqual({ filename: pathToFileURL(join(built, "worker-bundle.js")).href });
  });

  it("a built tree without the bundle fails with one line naming the file, not falling back to worker.js", () => {
    expect(() => workerScript(undefined, "file:///nowhere/dist/src/runner/execute-tasks.js")).toThrow(
      /^\/nowhere\/dist\/src\/runner\/worker-bundle\.js is missing: build with npm run build \(tsc alone does not write it\)$/,
    );
  });

  it("a bundle older than worker.js beside it (tsc run alone since) fails with one line; one written after it runs", () => {
    const runner = join(mkdtempSync(join(tmpdir(), "meshsim-bundle-")), "dist/src/runner");
    mkdirSync(runner, { recursive: true });
    for (const file of ["worker.js", "worker-bundle.js"]) writeFileSync(join(runner, file), "");
    const runnerUrl = pathToFileURL(join(runner, "execute-tasks.js")).href;
    utimesSync(join(runner, "worker.js"), 1000, 1000);
    utimesSync(join(runner, "worker-bundle.js"), 1010, 1010);
    expect(workerScript(undefined, runnerUrl).filename).toMatch(/\/dist\/src\/runner\/worker-bundle\.js$/);
    utimesSync(join(runner, "worker.js"), 1020, 1020);
    expect(() => workerScript(undefined, runnerUrl)).toThrow(/^\S+\/dist\/src\/runner\/worker-bundle\.js is older than worker\.js beside it: build with npm run build \(tsc alone does not write it\)$/);
  });

  it("source code runs worker.ts through tsx; a custom script runs as given", () => {
    expect(workerScript(undefined, "file:///repo/src/runner/execute-tasks.ts")).toEqual({ filename: "file:///repo/src/runner/worker.ts", execArgv: ["--import", "tsx"] });
    const custom = fixture("slow-worker");
    expect(workerScript(custom, "file:///nowhere/dist/src/runner/execute-tasks.js")).toEqual({ filename: custom.href, execArgv: ["--import", "tsx"] });
    expect(workerScript(new URL("file:///elsewhere/worker.js"), "file:///nowhere/dist/src/runner/execute-tasks.js")).toEqual({ filename: "file:///elsewhere/worker.js" });
  });
});
