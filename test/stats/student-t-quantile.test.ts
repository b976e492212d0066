// Tests for studentTQuantile975 against printed t tables and SciPy values.

import { describe, expect, it } from "vitest";
import { studentTQuantile975 } from "../../src/stats/student-t-quantile.js";

describe("studentTQuantile975", () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [100, 1.984],
  ])("studentTQuantile975(%s) is %s to three decimals (printed t tables)", (degreesOfFreedom, expected) => {
    expect(studentTQuantile975(degreesOfFreedom)).toBeCloseTo(expected, 3);
  });

  it.each([
    // scipy.stats.t.ppf(0.975, df), SciPy 1.17.1
    [31, 2.039513446396408],
    [40, 2.021075390306273],
    [60, 2.0002978220142604],
    [100, 1.9839715185235518],
    [1000, 1.9623390808264083],
  ])("studentTQuantile975(%s) is within 3e-8 of %s beyond the table", (degreesOfFreedom, expected) => {
    expect(Math.abs(studentTQuantile975(degreesOfFreedom) - expected)).toBeLessThan(3e-8);
  });

  it("studentTQuantile975(Infinity) is the normal quantile 1.95996", () => {
    expect(studentTQuantile975(Infinity)).toBeCloseTo(1.959964, 6);
  });

  it("studentTQuantile975 decreases with degrees of freedom across the table edge", () => {
    for (let degreesOfFreedom = 1; degreesOfFreedom < 200; degreesOfFreedom++) {
      expect(studentTQuantile975(degreesOfFreedom + 1)).toBeLessThan(studentTQuantile975(degreesOfFreedom));
    }
  });

  it.each([
    [0, "degreesOfFreedom must be a positive integer, got 0"],
    [2.5, "degreesOfFreedom must be a positive integer, got 2.5"],
    [Number.NaN, "degreesOfFreedom must be a positive integer, got NaN"],
  ])("studentTQuantile975(%s) throws %j", (degreesOfFreedom, message) => {
    expect(() => studentTQuantile975(degreesOfFreedom)).toThrow(new RangeError(message));
  });
});
