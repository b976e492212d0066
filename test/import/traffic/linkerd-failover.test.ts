// Tests for linkerd-failover.ts, through importTrafficConfig: a TrafficSplit the linkerd-failover
// operator manages is linkerd2's own multi-cluster failover, not a fixed split.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A failover TrafficSplit for apex `service` with `metadata` lines and backends. */
function failoverSplit(service: string, metadata: string, backends: string[]): string {
  const list = backends.map((name, i) => `  - { service: ${name}, weight: ${i === 0 ? 1 : 0} }\n`).join("");
  return scratch.write("failover.yaml", `apiVersion: split.smi-spec.io/v1alpha2\nkind: TrafficSplit\nmetadata:\n  name: failover\n${metadata}spec:\n  service: ${service}\n  backends:\n${list}`);
}

const PRIMARY_HTTPBIN = "  annotations: { failover.linkerd.io/primary-service: httpbin }\n";

describe("linkerd failover splits", () => {
  it("sets no rule for the extension's example: failover to mirrors is linkerd2's multi-cluster mode", () => {
    const file = fixture("linkerd-failover-split.yaml");
    const imported = importTrafficConfig([file], SERVICES);
    expect(imported.rules).toEqual([]);
    expect(imported.skipped).toEqual([
      `${file}: TrafficSplit httpbin (linkerd-failover from httpbin to httpbin-west (mirrors in other clusters) is what linkerd2's gateway and flat multi-cluster modes simulate for httpbin with replicas per cluster (services[].clusters): calls stay in the caller's cluster while httpbin has ready replicas there, then go to the other clusters')`,
    ]);
  });

  it.each([
    ["the primary-service annotation alone", PRIMARY_HTTPBIN],
    ["the older managed-by label", `${PRIMARY_HTTPBIN}  labels: { app.kubernetes.io/managed-by: linkerd-failover }\n`],
  ])("recognises a failover split by %s", (_what, metadata) => {
    const imported = importTrafficConfig([failoverSplit("httpbin", metadata, ["httpbin", "httpbin-east"])], SERVICES);
    expect(imported.rules).toEqual([]);
    expect(imported.skipped[0]).toMatch(/linkerd-failover from httpbin to httpbin-east/);
  });

  it("routes an apex other than the primary to the primary, noting the failover", () => {
    const [rule] = importTrafficConfig([failoverSplit("web", PRIMARY_HTTPBIN, ["httpbin", "httpbin-east"])], SERVICES).rules;
    expect(rule.host).toBe("web");
    expect(rule.routes).toEqual([{ backends: [{ service: "httpbin" }] }]);
    expect(rule.note).toMatch(/^linkerd-failover from httpbin to httpbin-east/);
    expect(rule.ignored).toContain("spec.backends (weights: linkerd-failover sets them from the backends' readiness)");
  });

  it("keeps a split without the extension's label or annotation a fixed split", () => {
    const [rule] = importTrafficConfig([failoverSplit("httpbin", "", ["httpbin-v1", "httpbin-v2"])], SERVICES).rules;
    expect(rule.routes[0].backends).toEqual([
      { service: "httpbin-v1", weight: 1 },
      { service: "httpbin-v2", weight: 0 },
    ]);
  });

  it.each([
    ["a secondary that is a service of the scenario", PRIMARY_HTTPBIN, ["httpbin", "details"], "spec.backends[1].service (line 10) names details, a service of the scenario: linkerd-failover moves calls to it when httpbin has no ready endpoints, which a traffic rule's fixed weights cannot express; declare httpbin once with replicas per cluster (services[].clusters), which linkerd2's multi-cluster modes keep in the caller's cluster and fail over"],
    ["a primary that is no backend", PRIMARY_HTTPBIN, ["details-west", "details-east"], `metadata.annotations["failover.linkerd.io/primary-service"] (line 5) names httpbin, which is not among spec.backends (details-west, details-east)`],
    ["the label without the primary annotation", "  labels: { failover.linkerd.io/controlled-by: linkerd-failover }\n", ["httpbin", "httpbin-west"], "metadata.annotations (line 3) has no failover.linkerd.io/primary-service, which linkerd-failover needs to know the primary backend"],
  ])("refuses %s", (_what, metadata, backends, problem) => {
    const path = failoverSplit("httpbin", metadata, backends);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: TrafficSplit failover ${problem}`);
  });
});
