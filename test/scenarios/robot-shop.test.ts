import { describe, expect, it } from "vitest";
import { goldenSummary } from "./_golden-summary.js";

describe("built-in scenario robot-shop (golden run)", () => {
  it("a seeded run gives the recorded summary", async () => {
    expect(await goldenSummary("robot-shop")).toMatchSnapshot();
  });
});
