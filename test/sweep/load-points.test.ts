import { describe, expect, it } from "vitest";
import { MAX_RANGE_POINTS, parseLoadPoints } from "../../src/sweep/index.js";

describe("parseLoadPoints", () => {
  it.each([
    ["100,200,400", [100, 200, 400]],
    ["400, 100,200", [400, 100, 200]],
    ["250.5", [250.5]],
  ])("the list %j is %j (in the order given: a run's results follow it)", (text, rates) => {
    expect(parseLoadPoints(text)).toEqual({ rates });
  });

  it.each([
    ["10,10", 'names 10 twice, got "10,10"'],
    ["10,10.0", 'names 10 twice, got "10,10.0"'],
    ["400, 100,200,100", 'names 100 twice, got "400, 100,200,100"'],
  ])("the list %j is refused: a repeated rate would run twice", (text, problem) => {
    expect(() => parseLoadPoints(text)).toThrow(new RangeError(problem));
  });

  it.each([
    ["100..500:100", [100, 200, 300, 400, 500]],
    ["100..450:100", [100, 200, 300, 400]],
    ["0.1..0.3:0.1", [0.1, 0.2, 0.3]],
    ["50..50:10", [50]],
  ])("the range %j is %j, end included when on a step", (text, rates) => {
    expect(parseLoadPoints(text).rates).toEqual(rates);
  });

  it("the range form keeps its start, end and step", () => {
    expect(parseLoadPoints("100..1000:100").range).toEqual({ start: 100, end: 1000, step: 100 });
  });

  it.each([["100..50:10"], ["0..100:10"], ["100..200:0"]])("the range %j is refused", (text) => {
    expect(() => parseLoadPoints(text)).toThrow(`range must be start..end:step with 0 < start <= end and step > 0, got ${JSON.stringify(text)}`);
  });

  it("a range of too many points is refused", () => {
    expect(() => parseLoadPoints("1..100000:1")).toThrow(`range "1..100000:1" has 100000 points, more than ${MAX_RANGE_POINTS}`);
  });

  it.each([["100,,200"], ["a,b"], ["-100"], ["0"], ["100..1000"], [""]])("%j is refused, showing both forms", (text) => {
    expect(() => parseLoadPoints(text)).toThrow(
      `must be positive numbers separated by commas (100,200,400) or a range start..end:step (100..1000:100), got ${JSON.stringify(text)}`,
    );
  });
});
