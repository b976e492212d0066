import { describe, expect, it } from "vitest";
import { erlangC, md1Sojourn, meanValueAnalysis, mm1Sojourn, mmcSojourn, tandemSojourn } from "../../src/validation/index.js";

describe("queueing theory formulas", () => {
  it("mm1Sojourn() is exponential with rate mu - lambda", () => {
    const mm1 = mm1Sojourn(0.8, 1);
    expect(mm1.meanMs).toBeCloseTo(5, 12);
    expect(mm1.p99Ms).toBeCloseTo(5 * Math.log(100), 12);
  });

  it("mmcSojourn() with one server equals M/M/1", () => {
    const single = mmcSojourn(0.5, 1, 1);
    expect(single.meanMs).toBeCloseTo(2, 10);
    expect(single.p99Ms).toBeCloseTo(2 * Math.log(100), 8);
  });

  it("erlangC() matches a textbook value (c=2, a=1: 1/3)", () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it("md1Sojourn() mean is Pollaczek-Khinchine and its p99 lies between M/D/1-free bounds", () => {
    const md1 = md1Sojourn(0.8, 1);
    expect(md1.meanMs).toBeCloseTo(3, 12);
    // Deterministic service waits less than exponential service at the same load.
    expect(md1.p99Ms).toBeLessThan(mm1Sojourn(0.8, 1).p99Ms);
    expect(md1.p99Ms).toBeGreaterThan(md1.meanMs);
  });

  it("tandemSojourn() with equal rates is Erlang-2 (p99 solves e^-x(1+x) = 0.01)", () => {
    const tandem = tandemSojourn(0.5, 1, 1);
    expect(tandem.meanMs).toBeCloseTo(4, 12);
    const x = tandem.p99Ms * 0.5;
    expect(Math.exp(-x) * (1 + x)).toBeCloseTo(0.01, 9);
  });

  it("meanValueAnalysis() of one user is think + demands", () => {
    const result = meanValueAnalysis(1, 10, [1, 2]);
    expect(result.responseMs).toBe(3);
    expect(result.throughputPerMs).toBeCloseTo(1 / 13, 12);
  });

  it("rejects an unstable system", () => {
    expect(() => mm1Sojourn(1, 1)).toThrow("utilisation must be below 1, got 1");
  });
});
