import { describe, expect, it } from "vitest";
import { runRolloutChecks } from "../../src/validation/index.js";

describe("runRolloutChecks", () => {
  it("a rollout with maxUnavailable 0 and room to spare loses no request under no mesh, Istio and Linkerd", async () => {
    const rows = await runRolloutChecks({ workers: 1 });
    expect(rows.map((row) => row.check)).toEqual([
      "rollout maxSurge 1, maxUnavailable 0, 3 pods at 8% load (none)",
      "rollout maxSurge 1, maxUnavailable 0, 3 pods at 8% load (istio)",
      "rollout maxSurge 1, maxUnavailable 0, 3 pods at 8% load (linkerd2)",
    ]);
    for (const row of rows) {
      expect(row.predicted).toBe(0);
      expect(row.pass).toBe(true);
    }
  });
});
