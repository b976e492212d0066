// The SLO search at the function level, on a synthetic system whose latency grows with load
// (monotone), so the right answer is known exactly.

import { describe, expect, it } from "vitest";
import { refineBracket, sloBracket, type LoadOutcome } from "../../src/sweep/index.js";

/** p99 = 10 ms + 0.05 ms per request/s; the SLO p99 < 40 ms holds below 600 requests/s. */
function synthetic(rps: number): LoadOutcome {
  const valueMs = 10 + 0.05 * rps;
  return { rps, passes: valueMs < 40, overloaded: false, valueMs };
}
const overloaded = (rps: number): LoadOutcome => ({ rps, passes: false, overloaded: true, valueMs: null });

describe("sloBracket", () => {
  it("is the highest passing load below the first failing one", () => {
    const bracket = sloBracket([100, 300, 500, 700, 900].map(synthetic));
    expect([bracket.pass?.rps, bracket.fail?.rps]).toEqual([500, 700]);
  });

  it("ignores order and a pass above a failure (noise does not count as capacity)", () => {
    const outcomes = [synthetic(300), { ...synthetic(700), passes: true }, synthetic(100), { ...synthetic(500), passes: false }];
    const bracket = sloBracket(outcomes);
    expect([bracket.pass?.rps, bracket.fail?.rps]).toEqual([300, 500]);
  });

  it("has an open top when every load passes, an open bottom when the lowest fails", () => {
    expect(sloBracket([100, 200].map(synthetic))).toMatchObject({ pass: { rps: 200 }, fail: null });
    expect(sloBracket([700, 800].map(synthetic))).toMatchObject({ pass: null, fail: { rps: 700 } });
    expect(sloBracket([])).toEqual({ pass: null, fail: null });
  });

  it("an overloaded load is a failure", () => {
    expect(sloBracket([synthetic(100), overloaded(200)])).toMatchObject({ pass: { rps: 100 }, fail: { rps: 200, overloaded: true } });
  });
});

describe("refineBracket", () => {
  it("bisects a monotone system to the resolution: 500..700 with resolution 10 finds 600 within 10", async () => {
    const evaluated: number[] = [];
    const start = sloBracket([100, 300, 500, 700].map(synthetic));
    const { bracket } = await refineBracket(start, 10, async (rps) => {
      evaluated.push(rps);
      return synthetic(rps);
    });
    expect(bracket.pass!.rps).toBeLessThan(600);
    expect(bracket.fail!.rps).toBeGreaterThanOrEqual(600);
    expect(bracket.fail!.rps - bracket.pass!.rps).toBeLessThanOrEqual(10);
    expect(evaluated).toEqual([600, 550, 575, 588, 594]);
  });

  it("takes about log2(width / resolution) steps", async () => {
    let calls = 0;
    await refineBracket({ pass: synthetic(0.5), fail: synthetic(1000.5) }, 1, async (rps) => (calls++, synthetic(rps)));
    expect(calls).toBeLessThanOrEqual(Math.ceil(Math.log2(1000)) + 1);
  });

  it("treats an overloaded midpoint as a failure", async () => {
    const { bracket } = await refineBracket({ pass: synthetic(100), fail: overloaded(200) }, 25, async (rps) => (rps > 130 ? overloaded(rps) : synthetic(rps)));
    expect([bracket.pass!.rps, bracket.fail!.rps]).toEqual([125, 150]);
  });

  it("leaves a bracket with an open end as it is", async () => {
    const open = { pass: synthetic(100), fail: null };
    expect((await refineBracket(open, 10, async () => expect.fail("not called"))).bracket).toEqual(open);
  });

  it("refuses a resolution that is not positive", async () => {
    await expect(refineBracket({ pass: null, fail: null }, 0, async (rps) => synthetic(rps))).rejects.toThrow("resolution must be positive, got 0");
  });
});
