import { beforeAll, describe, expect, it } from "vitest";
import { CALIBRATION_FIGURES, runCalibrationChecks, type ValidationRow } from "../../src/validation/index.js";

describe("runCalibrationChecks (the mesh profiles against published figures)", () => {
  let rows: ValidationRow[] = [];
  beforeAll(async () => {
    rows = await runCalibrationChecks({ workers: 2 });
  }, 300_000);

  it("reports one row per figure", () => {
    expect(rows).toHaveLength(CALIBRATION_FIGURES.length);
  });

  it.each(CALIBRATION_FIGURES.map((figure, index) => [figure.id, `${figure.mesh}: ${figure.what}`, figure.tolerancePct, index] as const))(
    "%s %s is within %s%",
    (_id, _what, tolerancePct, index) => {
      const row = rows[index];
      expect(Math.abs(row.errorPct), `predicted ${row.predicted}, published ${row.expected}`).toBeLessThanOrEqual(tolerancePct);
    },
  );
});
