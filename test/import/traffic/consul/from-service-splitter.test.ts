// Tests for from-service-splitter.ts, through importTrafficConfig: splits as weighted backends, and
// splitters Consul itself would refuse.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { createScratch, SERVICES } from "../_traffic-fixtures.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

function splitterWith(splits: string): string {
  return scratch.write("splitter.yaml", `apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceSplitter\nmetadata:\n  name: website\nspec:\n  splits: ${splits}\n`);
}

describe("readServiceSplitter", () => {
  it("gives each split its weight, fractional ones included", () => {
    const [rule] = importTrafficConfig([splitterWith("[{ weight: 66.67, service: website-v1 }, { weight: 33.33, service: website-v2 }]")], SERVICES).rules;
    expect(rule).toMatchObject({ host: "website", routes: [{ backends: [{ service: "website-v1", weight: 66.67 }, { service: "website-v2", weight: 33.33 }] }] });
  });

  it.each([
    ["weights that do not add up to 100", "[{ weight: 50, service: website-v1 }, { weight: 20, service: website-v2 }]", "spec.splits (line 6) has weights adding up to 70, while Consul requires 100"],
    ["no splits", "[]", "spec.splits (line 6) is missing: a ServiceSplitter without splits sends calls nowhere"],
    ["a weight above 100", "[{ weight: 150, service: website-v1 }]", "spec.splits[0].weight (line 6) must be a number from 0 to 100, not 150"],
    ["an unknown service", "[{ weight: 100, service: webshop }]", "spec.splits[0].service (line 6) names webshop, which is neither a service of the scenario nor the labels.app of one"],
  ])("refuses %s", (_what, splits, problem) => {
    const path = splitterWith(splits);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: ServiceSplitter website ${problem}`);
  });
});
