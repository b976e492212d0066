// checkPlanBounds: a plan too large to run (a duration over a day, too many tasks, a task of more
// simulated events than one may take) is refused before any network is built, naming the field.

import { describe, expect, it } from "vitest";
import { loadScenario } from "../../../src/import/index.js";
import {
  checkPlanBounds,
  dropInexpressibleMeshes,
  EVENTS_PER_CALL,
  MAX_EVENTS_PER_TASK,
  MAX_TASKS,
  prepareRun,
  runReplication,
  type RunPlan,
} from "../../../src/runner/index.js";
import { parseScenario, ScenarioError } from "../../../src/scenario/index.js";
import { scenarioErrorOf } from "../../scenario/_scenario-error-of.js";

function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  return { scenario: loadScenario("fortio"), meshes: ["none", "istio"], rates: [100], durationS: 1, warmupS: 0, replications: 1, seed: 1, ...overrides };
}

describe("checkPlanBounds", () => {
  it("accepts an ordinary plan", () => {
    expect(() => checkPlanBounds(plan())).not.toThrow();
  });

  it.each([
    ["durationS", { durationS: 1e9 }, "load.durationS (or --duration)", "must be at most 86400 s (a day), got 1000000000"],
    ["warmupS", { warmupS: 86_401 }, "load.warmupS (or --warmup)", "must be at most 86400 s (a day), got 86401"],
  ])("checkPlanBounds(%s over a day) names the field", (_name, overrides, field, problem) => {
    const error = scenarioErrorOf(() => checkPlanBounds(plan(overrides)));
    expect({ field: error.field, problem: error.problem }).toEqual({ field, problem });
  });

  it("checkPlanBounds(--replications 100000000) refuses more tasks than a run holds, counting meshes and loads", () => {
    const error = scenarioErrorOf(() => checkPlanBounds(plan({ replications: 100_000_000 })));
    expect(error.field).toBe("--replications");
    expect(error.problem).toBe(
      `100000000 with 2 meshes and 1 load makes 200000000 tasks; a run holds at most ${MAX_TASKS} (each task's result is kept until the results are assembled)`,
    );
    expect(() => checkPlanBounds(plan({ replications: MAX_TASKS / 2 }))).not.toThrow();
    expect(() => checkPlanBounds(plan({ replications: MAX_TASKS / 2 + 1 }))).toThrow(ScenarioError);
  });

  it("refuses a task of more events than one may take: rate x time x calls per request x events per call", () => {
    // fortio makes one call per request: 10,000 requests/s for a day is 8.64e8 calls.
    const error = scenarioErrorOf(() => checkPlanBounds(plan({ rates: [10_000], durationS: 86_400 })));
    expect(error.field).toBe("load.durationS (or --duration)");
    expect(error.message).toContain(`about ${(10_000 * 86_400 * EVENTS_PER_CALL).toExponential(1)} simulated events (10000 requests/s for 86400 s with warm-up, 1 call per request`);
    // Just below the limit passes.
    const seconds = Math.floor(MAX_EVENTS_PER_TASK / (10_000 * EVENTS_PER_CALL));
    expect(() => checkPlanBounds(plan({ rates: [10_000], durationS: seconds }))).not.toThrow();
  });

  it("counts the calls of the call trees, repeats and probabilities included", () => {
    const scenario = parseScenario(
      "deep.yaml",
      {
        name: "deep",
        services: [
          { name: "a", serviceTime: { type: "constant", valueMs: 0.001 }, concurrency: 1000 },
          { name: "b", serviceTime: { type: "constant", valueMs: 0 } },
          { name: "c", serviceTime: { type: "constant", valueMs: 0 } },
        ],
        requestTypes: [{ name: "r", entry: "a", calls: [{ call: "b", repeat: 10_000, calls: [{ call: "c", repeat: 10_000, probability: 0.5 }] }] }],
        load: { type: "open", ratePerSec: 1 },
      },
      "0".repeat(64),
    );
    const error = scenarioErrorOf(() => checkPlanBounds(plan({ scenario, durationS: 100 })));
    expect(error.message).toContain("5.0e+7 calls per request");
  });

  it("bounds a closed loop by its users' think time", () => {
    const closed = (users: number, thinkMs: number) =>
      parseScenario(
        "closed.yaml",
        {
          name: "closed",
          services: [{ name: "a", serviceTime: { type: "constant", valueMs: 0 } }],
          requestTypes: [{ name: "r", entry: "a" }],
          load: { type: "closed", connections: users, thinkTime: { type: "constant", valueMs: thinkMs } },
        },
        "0".repeat(64),
      );
    // 200,000 users thinking 1 ms send at most 2e8 requests/s: a day of that is far too much.
    expect(scenarioErrorOf(() => checkPlanBounds(plan({ scenario: closed(200_000, 1), durationS: 86_400 }))).message).toContain("200000 users for 86400 s");
    // 10 users thinking a second send at most 10 requests/s.
    expect(() => checkPlanBounds(plan({ scenario: closed(10, 1000), durationS: 86_400 }))).not.toThrow();
  });

  it("is checked by prepareRun and by --mesh all's selection, before any network is built", () => {
    const huge = plan({ durationS: 1e9 });
    expect(() => prepareRun(huge)).toThrow(ScenarioError);
    expect(() => dropInexpressibleMeshes(huge)).toThrow(ScenarioError);
  });

  it("EVENTS_PER_CALL bounds what the built-in scenarios take", () => {
    for (const name of ["fortio", "bookinfo"]) {
      for (const mesh of ["istio", "istio-ambient", "linkerd1"]) {
        const prepared = prepareRun(plan({ scenario: loadScenario(name), meshes: [mesh], durationS: 1 }));
        const result = runReplication(prepared.tasks[0]);
        const requests = result.requests.completed + result.requests.failed;
        const calls = result.hops.filter((hop) => hop.station.startsWith("app/")).reduce((sum, hop) => sum + hop.visits, 0);
        expect(requests).toBeGreaterThan(0);
        expect(result.eventsProcessed / calls).toBeLessThan(EVENTS_PER_CALL);
      }
    }
  });
});
