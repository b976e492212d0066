import { beforeAll, describe, expect, it } from "vitest";
import { nodeTheoryChecks, runNodeChecks, type ValidationRow } from "../../src/validation/index.js";

// The CLI runs these at 8 M requests (meshsim validate --only nodes, in CI). Here 400 k: the three
// saturated or waiting checks are exact at any size; the M/M/1-PS mean's standard error at 400 k
// requests and utilisation 0.8 is about 0.9% (0.4% at 2 M, measured over seeds), so it gets 4%
// here; test/queueing/node-cpu.test.ts checks processor sharing itself within 4 batch-means errors.
const REQUESTS = 400_000;
const MM1_PS_TOLERANCE_PCT = 4;

describe("runNodeChecks (the node CPU model against theory)", () => {
  let rows: ValidationRow[] = [];
  beforeAll(async () => {
    rows = await runNodeChecks({ workers: 2, requestsPerCheck: REQUESTS, replications: 2 });
  }, 120_000);

  it("covers processor sharing, shared cores, a CPU limit and a waiting service", () => {
    expect(rows.map((row) => row.check)).toEqual(nodeTheoryChecks(1).map((check) => check.name));
    expect(rows.every((row) => row.group === "node CPU")).toBe(true);
  });

  it.each(nodeTheoryChecks(1).map((check) => [check.name] as const))("%s matches theory", (name) => {
    const row = rows.find((r) => r.check === name)!;
    const tolerance = name.startsWith("M/M/1-PS") ? MM1_PS_TOLERANCE_PCT : row.tolerancePct;
    expect(Math.abs(row.errorPct), `${name}: predicted ${row.predicted}, expected ${row.expected}`).toBeLessThanOrEqual(tolerance);
  });
});
