// Tests for from-traffic-split.ts, through importTrafficConfig: SMI splits with quantity and
// integer weights, and the fields it refuses.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A TrafficSplit named canary with `spec` (indented YAML under spec:). */
function splitWith(spec: string, apiVersion = "split.smi-spec.io/v1alpha2"): string {
  return scratch.write("split.yaml", `apiVersion: ${apiVersion}\nkind: TrafficSplit\nmetadata:\n  name: canary\nspec:\n${spec}`);
}

describe("fromTrafficSplit", () => {
  it("reads quantity weights (900m/100m) and integer weights, hosts shortened from FQDNs", () => {
    const file = fixture("traffic-split-v1alpha2.yaml");
    expect(importTrafficConfig([file], SERVICES).rules).toEqual([
      {
        host: "website",
        routes: [
          {
            backends: [
              { service: "website-v1", weight: 0.9 },
              { service: "website-v2", weight: 0.1 },
            ],
          },
        ],
        source: `${file}: TrafficSplit website-canary`,
      },
      {
        host: "api",
        routes: [
          {
            backends: [
              { service: "api-v1", weight: 3 },
              { service: "api-v2", weight: 1 },
            ],
          },
        ],
        source: `${file}: TrafficSplit api`,
      },
    ]);
  });

  it("keeps a backend of weight 0 beside a positive one", () => {
    const path = splitWith("  service: website\n  backends:\n  - { service: website-v1, weight: '1' }\n  - { service: website-v2, weight: '0' }\n", "split.smi-spec.io/v1alpha1");
    expect(importTrafficConfig([path], SERVICES).rules[0].routes[0].backends).toEqual([
      { service: "website-v1", weight: 1 },
      { service: "website-v2", weight: 0 },
    ]);
  });

  it.each([
    ["HTTPRouteGroup matches", "  service: website\n  matches: [{ kind: HTTPRouteGroup, name: beta-users }]\n  backends:\n  - { service: website-v2, weight: 1 }\n", "spec.matches (line 7)", "limits the split to calls matching beta-users (HTTPRouteGroup), which traffic import does not read; write the header match in the scenario's traffic list"],
    ["a weight that is no quantity", "  service: website\n  backends:\n  - { service: website-v1, weight: lots }\n", "spec.backends[0].weight (line 8)", 'is "lots"; it must be a number or a Kubernetes quantity >= 0 such as 900m'],
    ["a missing weight", "  service: website\n  backends:\n  - { service: website-v1 }\n", "spec.backends[0].weight (line 8)", "is missing; it must be a number or a Kubernetes quantity >= 0 such as 900m"],
    ["every weight 0", "  service: website\n  backends:\n  - { service: website-v1, weight: 0 }\n", "spec.backends (line 7)", "gives every backend weight 0, so no call could be sent anywhere"],
    ["no backends", "  service: website\n", "spec.backends (line 5)", "is missing: a TrafficSplit without backends sends calls nowhere"],
    ["no service", "  backends:\n  - { service: website-v1, weight: 1 }\n", "spec.service (line 5)", "is missing"],
  ])("refuses %s", (_what, spec, field, problem) => {
    const path = splitWith(spec);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: TrafficSplit canary ${field} ${problem}`);
  });
});
