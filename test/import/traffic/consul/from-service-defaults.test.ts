// Tests for from-service-defaults.ts, through importTrafficConfig: upstream limits as circuit
// breakers, passive health checks as outlier detection, and what a rule cannot hold.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { createScratch, SERVICES } from "../_traffic-fixtures.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

function defaultsWith(spec: string): string {
  return scratch.write("defaults.yaml", `apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceDefaults\nmetadata:\n  name: productpage\nspec:\n${spec}`);
}

describe("readServiceDefaults", () => {
  it("maps every passive health check field, Envoy's defaults left to the rule's", () => {
    const spec = "  upstreamConfig:\n    overrides:\n      - name: details\n        passiveHealthCheck: { interval: 5s, maxFailures: 2, maxEjectionPercent: 50, baseEjectionTime: 1m, enforcingConsecutive5xx: 100 }\n";
    const [rule] = importTrafficConfig([defaultsWith(spec)], SERVICES).rules;
    expect(rule).toMatchObject({ host: "details", routes: [{ backends: [{ service: "details" }] }], outlierDetection: { consecutive5xx: 2, intervalMs: 5000, maxEjectionPercent: 50, baseEjectionMs: 60_000 } });
  });

  it("keeps a passive health check that ejects nothing out of the rule, saying why", () => {
    const spec = "  upstreamConfig:\n    overrides:\n      - { name: details, passiveHealthCheck: { enforcingConsecutive5xx: 0 } }\n";
    const [rule] = importTrafficConfig([defaultsWith(spec)], SERVICES).rules;
    expect(rule.outlierDetection).toBeUndefined();
    expect(rule.note).toContain("outlier detection of details ejects nothing (enforcingConsecutive5xx 0)");
  });

  it.each([
    ["limits for every upstream", "  upstreamConfig:\n    defaults: { limits: { maxConnections: 10 } }\n", "spec.upstreamConfig.defaults.limits (line 7) applies to every upstream of productpage, which the manifests do not list; name each under upstreamConfig.overrides, or write the rule in the scenario's traffic list"],
    ["a limit of 0", "  upstreamConfig:\n    overrides:\n      - { name: details, limits: { maxConcurrentRequests: 0 } }\n", "spec.upstreamConfig.overrides[0].limits.maxConcurrentRequests (line 8) is 0: Envoy then lets no call through, which traffic import does not take as meant"],
    ["partial enforcement", "  upstreamConfig:\n    overrides:\n      - { name: details, passiveHealthCheck: { enforcingConsecutive5xx: 50 } }\n", "spec.upstreamConfig.overrides[0].passiveHealthCheck.enforcingConsecutive5xx (line 8) is 50: Envoy ejects only that share of the replicas it finds failing, which the simulation's outlier detection does not model"],
    ["Enterprise rate limits", "  rateLimits: { instanceLevel: { requestsPerSecond: 10 } }\n", "spec.rateLimits (line 6) is Consul Enterprise's rate limiting; the consul profile models the open-source edition (write rateLimit in the scenario's traffic list)"],
    ["an unknown upstream", "  upstreamConfig:\n    overrides:\n      - { name: billing, limits: { maxConnections: 5 } }\n", "spec.upstreamConfig.overrides[0].name (line 8) names billing, which is neither a service of the scenario nor the labels.app of one"],
  ])("refuses %s", (_what, spec, problem) => {
    const path = defaultsWith(spec);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: ServiceDefaults productpage ${problem}`);
  });
});
