import { describe, expect, it } from "vitest";
import { runConnectionChecks } from "../../src/validation/index.js";

describe("runConnectionChecks (pooled vs a connection per request)", () => {
  it("every row is within its tolerance", async () => {
    const rows = await runConnectionChecks({ workers: 1 });
    expect(rows.map((row) => row.check + " / " + row.metric)).toEqual([
      "istio strict, opaque TCP, no keep-alive / handshakes per request",
      "no keep-alive vs pooled / added mean ms",
      "no keep-alive vs pooled / added CPU ms per request",
    ]);
    for (const row of rows) expect(Math.abs(row.errorPct), `${row.check}: ${row.metric}`).toBeLessThanOrEqual(row.tolerancePct);
  }, 120_000);
});
