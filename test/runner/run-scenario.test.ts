import { describe, expect, it } from "vitest";
import { OverloadError } from "../../src/mesh/index.js";
import { defaultWorkerCount, runScenario, type RunPlan } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";

function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    scenario: loadScenario("bookinfo"),
    meshes: ["none"],
    mtls: "off",
    rates: [300],
    durationS: 2,
    warmupS: 0.5,
    replications: 3,
    seed: 11,
    ...overrides,
  };
}

/** The worker that built code runs (`npm run build` writes it); tests otherwise run worker.ts. */
const WORKER_BUNDLE = new URL("../../dist/src/runner/worker-bundle.js", import.meta.url);

/** The results document without `meta`, the part that must not depend on scheduling. */
async function resultsWithoutMeta(runPlan: RunPlan, workers: number, workerScript?: URL): Promise<string> {
  const { meta: _meta, ...rest } = await runScenario(runPlan, { workers, workerScript });
  return JSON.stringify(rest);
}

describe("runScenario", () => {
  it("gives byte-identical results (outside meta) with 1 and 2 workers", async () => {
    const inThread = await resultsWithoutMeta(plan(), 1);
    const pooled = await resultsWithoutMeta(plan(), 2);
    expect(pooled).toBe(inThread);
  });

  it("gives byte-identical results (outside meta) on 2 workers running the built worker bundle (after npm run build)", async () => {
    const meshed = plan({ meshes: ["none", "istio"], mtls: "strict", replications: 2 });
    const inThread = await resultsWithoutMeta(meshed, 1);
    expect(await resultsWithoutMeta(meshed, 2, WORKER_BUNDLE)).toBe(inThread);
  });

  it("meta.workers is the threads the pool had: as asked, at most one per task, one per core by default", async () => {
    expect((await runScenario(plan({ replications: 3 }), { workers: 2 })).meta.workers).toBe(2);
    expect((await runScenario(plan({ replications: 1 }), { workers: 2 })).meta.workers).toBe(1);
    expect((await runScenario(plan({ replications: 1 }))).meta.workers).toBe(1);
    // The regression: the default pool was written as 0 workers.
    expect((await runScenario(plan({ replications: 3 }))).meta.workers).toBe(Math.min(defaultWorkerCount(), 3));
  });

  it("gives the same results for the same seed and different results for another seed", async () => {
    const first = await resultsWithoutMeta(plan(), 1);
    expect(await resultsWithoutMeta(plan(), 1)).toBe(first);
    expect(await resultsWithoutMeta(plan({ seed: 12 }), 1)).not.toBe(first);
  });

  it("orders runs by mesh, then load point, with replications merged", async () => {
    const document = await runScenario(plan({ rates: [100, 200], replications: 2 }), { workers: 1 });
    expect(document.runs.map((run) => run.rps)).toEqual([100, 200]);
    expect(document.runs.every((run) => run.replications === 2)).toBe(true);
    expect(document.runs[1].requests.completed).toBeGreaterThan(document.runs[0].requests.completed);
  });

  it("reports confidence intervals that contain the merged estimate's neighbourhood", async () => {
    const document = await runScenario(plan({ replications: 4 }), { workers: 1 });
    const { p50, ci95 } = document.runs[0].latencyMs;
    expect(ci95?.p50).not.toBeNull();
    const [low, high] = ci95!.p50!;
    expect(low).toBeLessThan(high);
    expect(p50).toBeGreaterThan(low * 0.9);
    expect(p50).toBeLessThan(high * 1.1);
  });

  it("refuses an overloaded system before simulating, naming the saturated service", async () => {
    const error = await runScenario(plan({ rates: [5000] }), { workers: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverloadError);
    expect((error as Error).message).toMatch(/overloaded at 5000 requests\/s: service \S+ would be \d+% busy/);
  });

  it("warns when a run has a single replication (no confidence interval)", async () => {
    const document = await runScenario(plan({ replications: 1 }), { workers: 1 });
    expect(document.runs[0].latencyMs.ci95).toEqual({ p50: null, p99: null });
    expect(document.runs[0].warnings).toContain("one replication: no confidence intervals (use --replications 2 or more)");
  });
});
