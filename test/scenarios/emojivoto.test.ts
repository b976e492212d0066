import { describe, expect, it } from "vitest";
import { goldenSummary } from "./_golden-summary.js";

describe("built-in scenario emojivoto (golden run)", () => {
  it("a seeded run gives the recorded summary", async () => {
    expect(await goldenSummary("emojivoto")).toMatchSnapshot();
  });
});
