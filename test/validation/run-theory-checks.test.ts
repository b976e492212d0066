import { beforeAll, describe, expect, it } from "vitest";
import { runTheoryChecks, theoryChecks, type ValidationRow } from "../../src/validation/index.js";

describe("runTheoryChecks (the engine against queueing theory)", () => {
  let rows: ValidationRow[] = [];
  beforeAll(async () => {
    rows = await runTheoryChecks({ workers: 2 });
  }, 300_000);

  it("covers M/M/1, M/M/c, M/D/1, a tandem network and a closed network", () => {
    expect(new Set(rows.map((row) => row.check))).toEqual(new Set(theoryChecks(1).map((check) => check.name)));
  });

  it.each(theoryChecks(1).flatMap((check) => check.figures.map((figure) => [check.name, figure.metric, figure.tolerancePct] as const)))(
    "%s %s is within %s% of theory",
    (check, metric, tolerancePct) => {
      const row = rows.find((r) => r.check === check && r.metric === metric)!;
      expect(Math.abs(row.errorPct), `${check} ${metric}: predicted ${row.predicted}, expected ${row.expected}`).toBeLessThanOrEqual(tolerancePct);
    },
  );
});
