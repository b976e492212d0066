import { describe, expect, it } from "vitest";
import { runStageChecks } from "../../src/validation/index.js";

describe("runStageChecks", () => {
  it("each hold's steady part matches the M/M/1 mean at that hold's rate, within the replications' 95% interval", async () => {
    const rows = await runStageChecks({ workers: 2, holdS: 20, replications: 8 });
    expect(rows.map((row) => row.check)).toEqual(["M/M/1 held at 400/s (4-22 s)", "M/M/1 held at 800/s (26-44 s)"]);
    expect(rows.map((row) => row.expected)).toEqual([1.6667, 5]);
    for (const row of rows) {
      expect(row.pass).toBe(true);
      // The interval is a real one: a few percent at most with 8 replications of 20 s.
      expect(row.tolerancePct).toBeGreaterThan(0);
      expect(row.tolerancePct).toBeLessThan(6);
    }
  });
});
