import { describe, expect, it } from "vitest";
import { goldenSummary } from "./_golden-summary.js";

describe("built-in scenario fortio (golden run)", () => {
  it("a seeded run gives the recorded summary", async () => {
    expect(await goldenSummary("fortio")).toMatchSnapshot();
  });
});
