import { describe, expect, it } from "vitest";
import { OverloadError } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { executeTasks, planTasks, TaskFailedError, type RunPlan } from "../../../src/runner/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";
import { packOutcome, unpackOutcome } from "../../../src/runner/replication/worker-outcome.js";
import type { ReplicationResult } from "../../../src/runner/replication/replication-task.js";

/**
 * One app that keeps up (50% busy) behind an Istio sidecar that cannot (its two workers need
 * more than two workers' time). Planning would refuse it; its tasks, run as they are, meet the
 * in-flight guard.
 */
function proxyOverloadPlan(): RunPlan {
  const scenario = parseScenario("overload.yaml", {
    name: "overload",
    cluster: { nodes: 1 },
    services: [{ name: "a", serviceTime: { type: "exponential", meanMs: 1 }, concurrency: 64 }],
    requestTypes: [{ name: "get", entry: "a" }],
    load: { type: "open", ratePerSec: 60000 },
  }, "");
  return { scenario, meshes: ["istio"], mtls: "off", rates: [60000], durationS: 5, warmupS: 0, replications: 2, seed: 1 };
}

describe("worker outcome", () => {
  it("packs an overload as plain data and unpacks it as the OverloadError it was", () => {
    const outcome = packOutcome(() => {
      throw new OverloadError("queues grow", "sidecar:a#1");
    });
    expect(outcome).toEqual({ overload: { message: "queues grow", station: "sidecar:a#1" } });
    // Plain data survives a thread's structured clone, where an error's class would not.
    const error = (() => {
      try {
        unpackOutcome(structuredClone(outcome));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(OverloadError);
    expect(error).toMatchObject({ message: "queues grow", station: "sidecar:a#1" });
  });

  it("passes a result through, and any other error on", () => {
    const result = { requests: { completed: 1 } } as unknown as ReplicationResult;
    expect(unpackOutcome(packOutcome(() => result))).toBe(result);
    expect(() =>
      packOutcome(() => {
        throw new RangeError("other");
      }),
    ).toThrow(RangeError);
  });

  it("a proxy overloaded at run time fails the run as an overload on worker threads, naming the proxy's queue", async () => {
    const plan = proxyOverloadPlan();
    const tasks = planTasks(plan, new Map([["istio", loadMeshProfile("istio")]]));
    const error = await executeTasks(tasks, { workers: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).overloaded).toBe(true);
    expect((error as Error).message).toMatch(/^overloaded \(mesh istio, rps=60000, replication \d, seed 1\): more than \d+ calls in flight at t=[\d.]+ s; longest queue: sidecar:a#1 with \d+ waiting$/);
  });
});
