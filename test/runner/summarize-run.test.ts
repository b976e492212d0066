import { describe, expect, it } from "vitest";
import { monthlyCost, runScenario } from "../../src/runner/index.js";
import { loadScenario } from "../../src/scenario/index.js";

describe("monthlyCost", () => {
  it("prices vCPU and memory per hour over a 730-hour month", () => {
    const cost = monthlyCost(
      { dataPlane: { vcpu: 0.5, memoryMb: 1024, proxies: 4 }, controlPlane: { vcpu: 1, memoryMb: 2048 } },
      { vcpuHour: 0.04, gbHour: 0.005, currency: "EUR" },
    );
    expect(cost).toEqual({
      dataPlane: Math.round((0.5 * 0.04 + 1 * 0.005) * 730 * 100) / 100,
      controlPlane: Math.round((1 * 0.04 + 2 * 0.005) * 730 * 100) / 100,
      total: Math.round((0.5 * 0.04 + 0.005 + 0.04 + 0.01) * 730 * 100) / 100,
      currency: "EUR",
    });
  });

  it("appears in a run's resources when the scenario gives prices", async () => {
    const scenario = { ...loadScenario("fortio"), pricing: { vcpuHour: 0.04, gbHour: 0.005, currency: "USD" } };
    const document = await runScenario(
      { scenario, meshes: ["none", "istio"], rates: [1000], durationS: 1, warmupS: 0, replications: 1, seed: 1 },
      { workers: 1 },
    );
    expect(document.runs[0].resources.monthlyCost?.total).toBe(0);
    expect(document.runs[1].resources.monthlyCost?.total).toBeGreaterThan(0);
  });
});
