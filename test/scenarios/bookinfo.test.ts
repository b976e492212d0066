import { describe, expect, it } from "vitest";
import { goldenSummary } from "./_golden-summary.js";

describe("built-in scenario bookinfo (golden run)", () => {
  it("a seeded run gives the recorded summary", async () => {
    expect(await goldenSummary("bookinfo")).toMatchSnapshot();
  });
});
