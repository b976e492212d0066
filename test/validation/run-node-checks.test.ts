import { sampleStandardDeviation } from "simple-statistics";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REQUESTS_PER_CHECK, measureNodeChecks, nodeTheoryChecks, standardError, type TheoryMeasurement } from "../../src/validation/index.js";

// `meshsim validate --only nodes` (in .ci/run) runs M/M/1-PS at 8 M requests, where its 1% is
// only 3.1 standard errors (variance per request 2120 ms², as M/M/1's). Here it runs at 16 M, 4.3
// standard errors, rather than at a size that would need a looser tolerance. The other three are
// saturated or waiting, with no sampling error: a tenth of 400 k requests each.
const REQUESTS = 400_000;
const MM1_PS = "M/M/1-PS on one core";
const MM1_PS_REQUESTS = DEFAULT_REQUESTS_PER_CHECK;
const STANDARD_ERRORS = 4;
const REPLICATIONS = 8;

describe("runNodeChecks (the node CPU model against theory)", () => {
  let measurements: TheoryMeasurement[] = [];
  beforeAll(async () => {
    measurements = await measureNodeChecks({ workers: 1, requestsPerCheck: REQUESTS, requestsByCheck: { [MM1_PS]: MM1_PS_REQUESTS }, replications: REPLICATIONS });
  }, 300_000);

  const names = nodeTheoryChecks(1).map((check) => [check.name] as const);
  const measurementOf = (name: string) => measurements.find((m) => m.check.name === name)!;

  it("covers processor sharing, shared cores, a CPU limit and a waiting service", () => {
    expect(measurements.map((m) => m.row.check)).toEqual(names.map(([name]) => name));
    expect(measurements.every((m) => m.row.group === "node CPU")).toBe(true);
  });

  it.each(names)("%s: its tolerance is at least 4 standard errors at the size run here", (name) => {
    const { figure, requests } = measurementOf(name);
    expect((figure.tolerancePct / 100) * figure.expected).toBeGreaterThanOrEqual(STANDARD_ERRORS * standardError(figure, requests));
  });

  it("runs M/M/1-PS at 16 M requests", () => {
    expect(measurementOf(MM1_PS).requests).toBeGreaterThan(0.98 * MM1_PS_REQUESTS);
  });

  it.each(names)("%s matches theory within its tolerance", (name) => {
    const { row } = measurementOf(name);
    expect(Math.abs(row.errorPct), `${name}: predicted ${row.predicted}, expected ${row.expected}`).toBeLessThanOrEqual(row.tolerancePct);
  });

  // See run-theory-checks.test.ts: twice the true standard error is past the 0.9998 quantile.
  it("the replications' spread of M/M/1-PS agrees with its stated standard error", () => {
    const { figure, requests, byReplication } = measurementOf(MM1_PS);
    expect(byReplication).toHaveLength(REPLICATIONS);
    expect(sampleStandardDeviation(byReplication) / Math.sqrt(byReplication.length)).toBeLessThanOrEqual(2 * standardError(figure, requests));
  });
});
