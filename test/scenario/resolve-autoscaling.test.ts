/**
 * A service's autoscaling as the loader resolves it: Kubernetes' defaults, maxReplicas pods
 * compiled, and refusals naming the field (no CPU request, min above max, replicas outside them).
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/import/index.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

function load(api: Record<string, unknown>, cluster?: Record<string, unknown>) {
  return parseScenario(
    "api.yaml",
    {
      name: "api",
      ...(cluster ? { cluster } : {}),
      services: [{ name: "api", serviceTime: { type: "exponential", meanMs: 5 }, ...api }],
      requestTypes: [{ name: "get", entry: "api" }],
      load: { type: "open", ratePerSec: 100, durationS: 30 },
    },
    "0".repeat(64),
  );
}

describe("services[].autoscaling", () => {
  it("compiles maxReplicas pods and starts at minReplicas, with a 5 s pod start-up by default", () => {
    const [api] = load({ resources: { cpuRequest: "250m" }, autoscaling: { minReplicas: 2, maxReplicas: 8, targetCpuUtilization: 60 } }).topology.services;
    expect(api.replicas).toBe(8);
    expect(api.placement).toHaveLength(8);
    expect(api.autoscaling).toEqual({ minReplicas: 2, maxReplicas: 8, targetCpuUtilization: 60, initialReplicas: 2, podStartupS: 5 });
  });

  it("refuses autoscaling without a CPU request, naming resources.cpuRequest", () => {
    expect(scenarioErrorOf(() => load({ autoscaling: { maxReplicas: 8, targetCpuUtilization: 60 } })).message).toMatch(/services\[0\]\.resources\.cpuRequest.*CPU requests/);
  });

  it("refuses minReplicas above maxReplicas and replicas outside them", () => {
    const resources = { cpuRequest: 0.5 };
    expect(scenarioErrorOf(() => load({ resources, autoscaling: { minReplicas: 9, maxReplicas: 8, targetCpuUtilization: 60 } })).message).toMatch(/services\[0\]\.autoscaling\.minReplicas/);
    expect(scenarioErrorOf(() => load({ resources, replicas: 12, autoscaling: { maxReplicas: 8, targetCpuUtilization: 60 } })).message).toMatch(/services\[0\]\.replicas.*1-8/);
  });
  it("spreads the pods it may add over cluster.zones in turn, as the scheduler's zone spreading does", () => {
    const [api] = load({ resources: { cpuRequest: "250m" }, autoscaling: { minReplicas: 2, maxReplicas: 9, targetCpuUtilization: 60 } }, { zones: 3, nodes: 3 }).topology.services;
    // Node i is in zone i: every three consecutive replicas cover the three zones.
    expect(api.placement).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  it("refuses services[].zones together with autoscaling, naming the field", () => {
    expect(() => load({ resources: { cpuRequest: "250m" }, zones: { "zone-a": 1, "zone-b": 1 }, autoscaling: { minReplicas: 2, maxReplicas: 8, targetCpuUtilization: 60 } }, { zones: 3 })).toThrow(
      "api.yaml: services[0].zones cannot be given with autoscaling",
    );
  });
});
