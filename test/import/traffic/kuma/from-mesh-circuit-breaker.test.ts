// Tests for from-mesh-circuit-breaker.ts, through importTrafficConfig: connection limits as the
// circuit breaker, outlier detection's consecutive detectors, and what is ignored or refused.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { kumaPolicy, toHttpbin } from "./_kuma-policies.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

const breakerWith = (conf: string): string => kumaPolicy(scratch, "MeshCircuitBreaker", toHttpbin(conf));

describe("fromMeshCircuitBreaker", () => {
  it("reads the fixture: Kuma's default limits for every service, httpbin's outlier detection beside them", () => {
    const rules = importTrafficConfig([fixture("kuma-mesh-circuit-breaker.yaml")], SERVICES).rules;
    expect(rules).toHaveLength(SERVICES.length);
    const limits = { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 };
    for (const rule of rules) expect(rule.circuitBreaker).toEqual(limits);
    expect(rules.find((rule) => rule.host === "httpbin")!.outlierDetection).toEqual({ consecutive5xx: 10, intervalMs: 5000, baseEjectionMs: 30_000, maxEjectionPercent: 20 });
    expect(rules.find((rule) => rule.host === "details")!.outlierDetection).toBeUndefined();
  });

  it("merges a service's limits into the whole mesh's field by field", () => {
    const everyService = kumaPolicy(scratch, "MeshCircuitBreaker", toHttpbin("        connectionLimits: { maxConnections: 1024, maxRequests: 1024 }\n", "{ kind: Mesh }"), "all");
    const own = kumaPolicy(scratch, "MeshCircuitBreaker", toHttpbin("        connectionLimits: { maxConnections: 2 }\n"), "own");
    const httpbin = importTrafficConfig([everyService, own], SERVICES).rules.find((rule) => rule.host === "httpbin")!;
    expect(httpbin.circuitBreaker).toEqual({ maxConnections: 2, maxRequests: 1024 });
  });

  it("counts gateway failures as consecutive 5xx and ignores the statistical detectors, as noted", () => {
    const detectors = "          detectors: { gatewayFailures: { consecutive: 4 }, totalFailures: { consecutive: 6 }, successRate: { minimumHosts: 5 }, failurePercentage: { threshold: 85 } }\n";
    const [rule] = importTrafficConfig([breakerWith(`        outlierDetection:\n${detectors}`)], SERVICES).rules;
    expect(rule.outlierDetection).toEqual({ consecutive5xx: 4 });
    expect(rule.note).toBe("gatewayFailures.consecutive 4 counted as consecutive5xx: the simulation counts every 5xx, timeouts and resets alike");
    expect(rule.ignored).toEqual([
      "spec.to[0].default.outlierDetection.detectors.successRate (ejection by statistical success rate is not modelled; the simulation ejects after consecutive failures)",
      "spec.to[0].default.outlierDetection.detectors.failurePercentage (ejection by failure percentage is not modelled; the simulation ejects after consecutive failures)",
    ]);
  });

  it.each([
    ["disabled", "        outlierDetection: { disabled: true, detectors: { totalFailures: { consecutive: 3 } } }\n", "outlier detection of httpbin is off (outlierDetection.disabled)"],
    ["without a consecutive detector", "        outlierDetection: { interval: 5s }\n", "outlier detection of httpbin ejects after no consecutive failures (neither detectors.totalFailures nor detectors.gatewayFailures sets a count)"],
  ])("sets no outlier detection when it is %s, saying why", (_what, conf, why) => {
    const path = breakerWith(conf);
    const imported = importTrafficConfig([path], SERVICES);
    expect(imported.rules).toEqual([{ host: "httpbin", routes: [{ backends: [{ service: "httpbin" }] }], source: `${path}: MeshCircuitBreaker p`, note: why }]);
  });

  it.each([
    ["inbound limits", "  targetRef: { kind: Dataplane, labels: { app: web } }\n  rules:\n    - default: { connectionLimits: { maxConnections: 2 } }\n", "spec.rules (line 7) limits calls at the callee's inbound proxy, which traffic rules (the callers' proxies) do not configure; write the limits in the scenario's traffic list"],
    ["a zero maxRequests", toHttpbin("        connectionLimits: { maxRequests: 0 }\n"), "spec.to[0].default.connectionLimits.maxRequests (line 9) must be an integer >= 1, not 0"],
  ])("refuses %s", (_what, spec, problem) => {
    const path = kumaPolicy(scratch, "MeshCircuitBreaker", spec);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: MeshCircuitBreaker p ${problem}`);
  });
});
