import { describe, expect, it } from "vitest";
import { offeredLoad } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";

describe("offeredLoad", () => {
  it("counts expected visits through probabilities, repeats and request weights", () => {
    const scenario = parseScenario(
      "t.yaml",
      {
        name: "t",
        services: [
          { name: "front", serviceTime: { type: "constant", valueMs: 1 }, concurrency: 2 },
          { name: "back", serviceTime: { type: "exponential", meanMs: 2 }, replicas: 2 },
        ],
        requestTypes: [
          { name: "a", weight: 3, entry: "front", calls: [{ call: "back", probability: 0.5, repeat: 2 }] },
          { name: "b", weight: 1, entry: "front" },
        ],
        load: { type: "open", ratePerSec: 100 },
      },
      "",
    );
    const [front, back] = offeredLoad(scenario.topology, 100);
    expect(front.visitsPerRequest).toBe(1);
    expect(front.utilization).toBeCloseTo((100 * 1 * 1) / 1000 / 2);
    expect(back.visitsPerRequest).toBeCloseTo(0.75 * 0.5 * 2);
    expect(back.utilization).toBeCloseTo((100 * 0.75 * 2) / 1000 / 2);
  });

  it("a holdWorker service holds its worker for its own calls too", () => {
    const scenario = parseScenario(
      "t.yaml",
      {
        name: "t",
        services: [
          { name: "front", serviceTime: { type: "constant", valueMs: 1 }, holdWorker: true },
          { name: "back", serviceTime: { type: "constant", valueMs: 4 } },
        ],
        requestTypes: [{ name: "a", entry: "front", calls: [{ call: "back" }, { call: "back", async: true }] }],
        load: { type: "open", ratePerSec: 100 },
      },
      "",
    );
    const [front] = offeredLoad(scenario.topology, 100);
    expect(front.holdMs).toBe(5);
    expect(front.utilization).toBeCloseTo(0.5);
  });
});
