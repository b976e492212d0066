import { describe, expect, it } from "vitest";
import { goldenSummary } from "./_golden-summary.js";

describe("built-in scenario online-boutique (golden run)", () => {
  it("a seeded run gives the recorded summary", async () => {
    expect(await goldenSummary("online-boutique")).toMatchSnapshot();
  });
});
