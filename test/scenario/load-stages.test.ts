/**
 * load.stages in a scenario: read into the open loop's rate over time, and refused with the field
 * named where they cannot apply.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/index.js";
import { validDocument } from "./_valid-scenario.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

function parse(load: Record<string, unknown>) {
  return parseScenario("shop.yaml", { ...validDocument(), load }, "0".repeat(64));
}

describe("load.stages", () => {
  it("sets the measured time to the stages' sum and the rate to their mean, starting from ratePerSec", () => {
    const { load } = parse({ type: "open", ratePerSec: 10, stages: [{ durationS: "1m", ratePerSec: 30 }, { durationS: 20, ratePerSec: 30 }] });
    expect(load.durationS).toBe(80);
    expect(load.startRatePerSec).toBe(10);
    expect(load.ratePerSec).toBeCloseTo((20 * 60 + 30 * 20) / 80, 12);
    expect(load.stages).toEqual([{ durationS: 60, ratePerSec: 30 }, { durationS: 20, ratePerSec: 30 }]);
  });

  it("start from 0 without ratePerSec, which the stages make optional", () => {
    const { load } = parse({ type: "open", stages: [{ durationS: 10, ratePerSec: 100 }] });
    expect(load.startRatePerSec).toBe(0);
    expect(load.ratePerSec).toBe(50);
  });

  it("accept a durationS equal to their total", () => {
    expect(parse({ type: "open", durationS: "1m", stages: [{ durationS: 40, ratePerSec: 10 }, { durationS: 20, ratePerSec: 10 }] }).load.durationS).toBe(60);
  });

  it("of users ramp a closed loop from connections (else 0); its users are the peak", () => {
    const { load } = parse({ type: "closed", connections: 5, stages: [{ durationS: 10, users: 20 }, { durationS: 5, users: 2 }] });
    expect(load.userStages).toEqual([{ durationS: 10, users: 20 }, { durationS: 5, users: 2 }]);
    expect(load.startUsers).toBe(5);
    expect(load.connections).toBe(20);
    expect(load.durationS).toBe(15);
    expect(load.stages).toBeUndefined();
  });

  it("leave a load without stages as it was", () => {
    const { load } = parse({ type: "open", ratePerSec: 10 });
    expect(load.stages).toBeUndefined();
    expect(load).not.toHaveProperty("startRatePerSec");
  });

  it.each([
    [{ type: "closed", connections: 2, stages: [{ durationS: 5, ratePerSec: 10 }] }, "load.stages[0] must give users: a closed loop's stages move its users"],
    [{ type: "open", stages: [{ durationS: 5, ratePerSec: 10, users: 3 }] }, "load.stages[0].users applies to a closed loop"],
    [{ type: "closed", stages: [{ durationS: 5, users: 0 }] }, "load.stages offer no load: every stage's users is 0"],
    [{ type: "open", durationS: 30, stages: [{ durationS: 5, ratePerSec: 10 }] }, "load.durationS must be the stages' total (5 s) or left out"],
    [{ type: "open", stages: [{ durationS: 5, ratePerSec: 0 }] }, "load.stages offer no load"],
    [{ type: "open", stages: [{ durationS: 0, ratePerSec: 10 }] }, "load.stages[0].durationS"],
    [{ type: "open", stages: [{ durationS: 5, ratePerSec: -1 }] }, "load.stages[0].ratePerSec"],
    [{ type: "open", stages: [{ durationS: 5 }] }, "load.stages[0]"],
    [{ type: "open", stages: [] }, "load.stages"],
    [{ type: "open" }, "ratePerSec"],
  ])("%j is refused naming the field", (load, field) => {
    expect(scenarioErrorOf(() => parse(load)).message).toContain(field);
  });
});
