// expectedTries: retries on 5xx of a backend that fails a known share of calls multiply the calls
// it gets (1 + e + ... + e^n); a deadline or a retry cap counts none, a budget caps them. A mesh
// whose proxies retry is then refused at a load the app could carry without retries.

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { expectedTries, OverloadError } from "../../../src/mesh/index.js";
import { dropInexpressibleMeshes, prepareRun, type RunPlan } from "../../../src/runner/index.js";

function scenarioWith(rule: Record<string, unknown>, errorRate = 0.5, ratePerSec = 120) {
  return parseScenario("retry.yaml", {
    name: "retry",
    services: [
      { name: "front", serviceTime: { type: "constant", valueMs: 0.1 }, concurrency: 100 },
      { name: "a", serviceTime: { type: "constant", valueMs: 10 }, concurrency: 2, failures: { errorRate } },
    ],
    requestTypes: [{ name: "get", entry: "front", calls: [{ call: "a" }] }],
    load: { type: "open", ratePerSec },
    traffic: [{ host: "a", routes: [{ backends: [{ service: "a" }], retries: { attempts: 3 } }], ...rule }],
  }, "");
}

describe("expectedTries", () => {
  it.each([
    ["3 retries at an error rate of 0.5", {}, 0.5, 1 + 0.5 + 0.25 + 0.125],
    ["no failures", {}, 0, 1],
    ["a retry budget of 0.2", { retryBudget: { ratio: 0.2 } }, 0.5, 1.2],
    ["a cap on retries in flight", { circuitBreaker: { maxRetries: 3 } }, 0.5, 1],
  ])("expectedTries(%s)", (_what, rule, errorRate, tries) => {
    expect(expectedTries(scenarioWith(rule, errorRate).topology, "a")).toBeCloseTo(tries, 12);
  });

  it("is 1 for a host without a rule, and for a route with a deadline", () => {
    const topology = scenarioWith({}).topology;
    expect(expectedTries(topology, "front")).toBe(1);
    const deadline = parseScenario("d.yaml", {
      name: "d",
      services: [{ name: "a", serviceTime: { type: "constant", valueMs: 1 }, failures: { errorRate: 0.5 } }],
      requestTypes: [{ name: "get", entry: "a" }],
      load: { type: "open", ratePerSec: 1 },
      traffic: [{ host: "a", routes: [{ backends: [{ service: "a" }], timeoutMs: 100, retries: { attempts: 3 } }] }],
    }, "");
    expect(expectedTries(deadline.topology, "a")).toBe(1);
  });

  it("a mesh whose proxies retry is refused where the app alone keeps up; no mesh runs", () => {
    // 120/s x 10 ms on 2 workers: 60% busy without retries, 113% with 1.875 tries per call.
    const plan = (meshes: string[]): RunPlan => ({ scenario: scenarioWith({}), meshes, rates: [120], durationS: 1, warmupS: 0, replications: 1, seed: 1 });
    expect(() => prepareRun(plan(["none"]))).not.toThrow();
    expect(() => prepareRun(plan(["istio"]))).toThrow(OverloadError);
    expect(() => prepareRun(plan(["istio"]))).toThrow(
      "retry.yaml: overloaded at 120 requests/s: service a would be 113% busy (utilisation >= 1, 53 points of it from retries, queues grow without bound); lower the rate or add replicas or concurrency",
    );
    const all = dropInexpressibleMeshes(plan(["none", "istio"]));
    expect(all.meshes).toEqual(["none"]);
    expect(all.skippedMeshes?.[0].reason).toMatch(/^overloaded at 120 requests\/s: service a would be 113% busy/);
  });
});
