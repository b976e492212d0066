import { describe, expect, it } from "vitest";
import { runAutoscalingChecks } from "../../src/validation/index.js";

describe("runAutoscalingChecks", () => {
  it("the autoscaler settles at the HPA formula's count of the offered CPU, sidecar included, under no mesh and Istio", async () => {
    const rows = await runAutoscalingChecks({ workers: 2 });
    expect(rows.map((row) => row.check)).toEqual([
      "300/s on 4 pods of 0.25 vCPU requested: CPU 120% of requests, target 70% (none)",
      "180/s on 4 pods of 0.25 vCPU requested: CPU 72% of requests, target 70% (none)",
      "60/s on 4 pods of 0.25 vCPU requested: CPU 24% of requests, target 70% (none)",
      "300/s on 4 pods of 0.35 vCPU requested: CPU 89.9% of requests, target 70% (istio)",
      "180/s on 4 pods of 0.35 vCPU requested: CPU 53.9% of requests, target 70% (istio)",
      "60/s on 4 pods of 0.35 vCPU requested: CPU 18% of requests, target 70% (istio)",
    ]);
    // By hand: none, ceil(1.2 / 0.175) = 7; 72 / 70 is within the tolerance, so 4 stay; ceil(0.24 / 0.175) = 2.
    // Istio, 4.196 ms and 0.35 vCPU per pod: ceil(1.2588 / 0.245) = 6; ceil(0.7553 / 0.245) = 4; ceil(0.2518 / 0.245) = 2.
    expect(rows.map((row) => row.expected)).toEqual([7, 4, 2, 6, 4, 2]);
    for (const row of rows) {
      expect(row.predicted).toBe(row.expected);
      expect(row.pass).toBe(true);
      expect(row.tolerancePct).toBe(0);
    }
  });
});
