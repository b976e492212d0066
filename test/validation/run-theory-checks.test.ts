import { sampleStandardDeviation } from "simple-statistics";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REQUESTS_PER_CHECK, measureTheoryChecks, standardError, theoryChecks, type TheoryMeasurement } from "../../src/validation/index.js";

// Requests per check here; `meshsim validate` (and .ci/run) runs every check at 16 M. A check runs
// smaller only where each of its figures keeps its stated tolerance at 4 standard errors or more
// (variances per request in src/validation/theory-checks.ts); the ratio at this size is noted.
const REQUESTS_BY_CHECK: Record<string, number> = {
  // Full size: the p99 needs 14.8 M requests for 2% to be 4 standard errors (4.2 at 16 M; mean 4.3).
  "M/M/1": DEFAULT_REQUESTS_PER_CHECK,
  // Mean 4.8, p99 4.6 standard errors.
  "M/M/4": 10_000_000,
  // Mean 6.2, p99 4.7 standard errors.
  "M/D/1": 10_000_000,
  // Full size: the p99 needs 13.0 M (4.4 standard errors at 16 M; mean 5.5).
  "tandem M/M/1 -> M/M/1": DEFAULT_REQUESTS_PER_CHECK,
  // Mean 7.0, throughput 13.4 standard errors: a closed network of 10 users forgets fast.
  "closed network, 10 users": 1_000_000,
};
/** Stated tolerances must be at least this many standard errors at the size run. */
const STANDARD_ERRORS = 4;
const REPLICATIONS = 8;

describe("runTheoryChecks (the engine against queueing theory)", () => {
  let measurements: TheoryMeasurement[] = [];
  beforeAll(async () => {
    measurements = await measureTheoryChecks({ workers: 1, requestsByCheck: REQUESTS_BY_CHECK, replications: REPLICATIONS });
  }, 300_000);

  const figures = theoryChecks(1).flatMap((check) => check.figures.map((figure) => [check.name, figure.metric, figure.tolerancePct] as const));
  const measurementOf = (check: string, metric: string) => measurements.find((m) => m.check.name === check && m.figure.metric === metric)!;

  it("covers M/M/1, M/M/c, M/D/1, a tandem network and a closed network, each sized here", () => {
    const names = theoryChecks(1).map((check) => check.name);
    expect(new Set(measurements.map((m) => m.row.check))).toEqual(new Set(names));
    expect(Object.keys(REQUESTS_BY_CHECK).sort()).toEqual([...names].sort());
  });

  it.each(figures)("%s %s: %s% is at least 4 standard errors at the size run here", (check, metric, tolerancePct) => {
    const { figure, requests } = measurementOf(check, metric);
    expect(requests).toBeGreaterThan(0.98 * REQUESTS_BY_CHECK[check]);
    expect((tolerancePct / 100) * figure.expected).toBeGreaterThanOrEqual(STANDARD_ERRORS * standardError(figure, requests));
  });

  it.each(figures)("%s %s is within %s% of theory", (check, metric, tolerancePct) => {
    const { row } = measurementOf(check, metric);
    expect(Math.abs(row.errorPct), `${check} ${metric}: predicted ${row.predicted}, expected ${row.expected}`).toBeLessThanOrEqual(tolerancePct);
  });

  // The stated variances are not understated: the spread of the replications (independent
  // seeds) gives the standard error again, with 7 degrees of freedom; it exceeds twice the true
  // one with probability 0.0002.
  it.each(figures)("%s %s: the replications' spread agrees with the stated standard error", (check, metric) => {
    const { figure, requests, byReplication } = measurementOf(check, metric);
    expect(byReplication).toHaveLength(REPLICATIONS);
    const spread = sampleStandardDeviation(byReplication) / Math.sqrt(byReplication.length);
    expect(spread).toBeLessThanOrEqual(2 * standardError(figure, requests));
  });

  it("refuses to size a check it does not have", async () => {
    await expect(measureTheoryChecks({ requestsByCheck: { "M/M/2": 1000 } })).rejects.toThrow('requestsByCheck names unknown check "M/M/2"');
  });
});

