import { describe, expect, it } from "vitest";
import { paretoFront } from "../../src/report/index.js";

const front = (points: [number, number][]) => paretoFront(points, (p) => p[0], (p) => p[1]);

describe("paretoFront", () => {
  it.each([
    ["one point", [[1, 1]], [[1, 1]]],
    ["a dominated point is dropped", [[1, 1], [2, 2]], [[1, 1]]],
    ["a trade-off keeps both, sorted by x", [[3, 1], [1, 3]], [[1, 3], [3, 1]]],
    ["equal x, higher y is dominated", [[1, 1], [1, 2]], [[1, 1]]],
    ["exact ties are both kept", [[1, 1], [1, 1]], [[1, 1], [1, 1]]],
    ["a staircase", [[1, 9], [2, 5], [3, 6], [4, 2], [5, 2]], [[1, 9], [2, 5], [4, 2]]],
  ] as [string, [number, number][], [number, number][]][])("%s", (_name, points, expected) => {
    expect(front(points)).toEqual(expected);
  });
});
