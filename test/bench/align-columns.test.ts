import { describe, expect, it } from "vitest";
import { alignColumns } from "../../bench/align-columns.js";

describe("alignColumns", () => {
  it("pads each column to its widest cell, names left and numbers right", () => {
    expect(alignColumns([["case", "ratio"], ["robot-shop", "0.04"]])).toEqual(["case        ratio", "robot-shop   0.04"]);
  });

  it("aligns the columns it is given to the left", () => {
    expect(alignColumns([["case", "n", "result"], ["mm1", "10", "ok"]], [0, 2])).toEqual(["case   n  result", "mm1   10  ok    "]);
  });
});
