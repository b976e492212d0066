// Tests for import-traffic-config.ts: which kinds are converted, skipped or refused, and that
// files combine in order.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

describe("importTrafficConfig", () => {
  it("imports every fixture that converts, one rule per host, in the order of the files", () => {
    const files = ["gamma-http-route.yaml", "traffic-split-v1alpha2.yaml", "virtual-service-ratings-faults.yaml", "destination-rule-resilience.yaml"].map(fixture);
    const imported = importTrafficConfig(files, SERVICES);
    expect(imported.rules.map((rule) => rule.host)).toEqual(["reviews", "website", "api", "ratings", "httpbin"]);
    expect(imported.skipped).toEqual([`${files[0]}: Service reviews`, `${files[0]}: Deployment reviews-v3`]);
  });

  it("returns nothing for no files", () => {
    expect(importTrafficConfig([], SERVICES)).toEqual({ rules: [], skipped: [] });
  });

  it("skips kinds without traffic rules, including Gateway API and Istio gateways", () => {
    const path = scratch.write(
      "infra.yaml",
      "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { name: edge }\n---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: { name: bookinfo-gateway }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n",
    );
    expect(importTrafficConfig([path], SERVICES)).toEqual({
      rules: [],
      skipped: [`${path}: Gateway edge`, `${path}: Gateway bookinfo-gateway`, `${path}: ConfigMap settings`],
    });
  });

  it("skips a kind that shares a name with an object property, and accepts any metadata bookkeeping", () => {
    const path = scratch.write(
      "odd-kinds.yaml",
      "apiVersion: networking.istio.io/v1\nkind: constructor\nmetadata: { name: odd }\n---\napiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata:\n  name: api\n  deletionGracePeriodSeconds: 30\n  labels: { team: api }\nspec:\n  service: api\n  backends: [{ service: api-v1, weight: 1 }]\n",
    );
    const imported = importTrafficConfig([path], SERVICES);
    expect(imported.skipped).toEqual([`${path}: constructor odd`]);
    expect(imported.rules[0].ignored).toEqual(["metadata.labels"]);
  });

  it.each([
    ["an EnvoyFilter", "networking.istio.io/v1alpha3", "EnvoyFilter", "patches the proxies' Envoy configuration, whose effect on traffic is unknown"],
    ["a Linkerd ServiceProfile of the first version", "linkerd.io/v1alpha1", "ServiceProfile", "has apiVersion linkerd.io/v1alpha1; traffic import reads ServiceProfile linkerd.io/v1alpha2"],
    ["a TCPRoute", "gateway.networking.k8s.io/v1alpha2", "TCPRoute", "routes TCP connections, which traffic rules (HTTP routes) cannot express"],
    ["a Kuma MeshRateLimit", "kuma.io/v1alpha1", "MeshRateLimit", "limits the rate of calls, which traffic import does not read (write rateLimit in the scenario's traffic list)"],
    ["a legacy Kuma Retry", "kuma.io/v1alpha1", "Retry", "is one of Kuma's legacy policies, which traffic import does not read; it reads their successors (MeshHTTPRoute, MeshRetry, MeshTimeout, MeshCircuitBreaker, MeshFaultInjection)"],
    ["a GRPCRoute", "gateway.networking.k8s.io/v1", "GRPCRoute", "is a gRPC route; traffic import reads HTTPRoutes (write the rule in the scenario's traffic list)"],
    ["a VirtualService of an unknown version", "networking.istio.io/v2", "VirtualService", "has apiVersion networking.istio.io/v2; traffic import reads VirtualService networking.istio.io/v1, networking.istio.io/v1beta1, networking.istio.io/v1alpha3"],
  ])("refuses %s, naming the object and its line", (_what, apiVersion, kind, problem) => {
    const path = scratch.write("refused.yaml", `apiVersion: v1\nkind: Service\nmetadata: { name: x }\n---\napiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: odd\n`);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: ${kind} odd (line 6) ${problem}`);
  });

  it("refuses an unknown field at the top of a traffic resource", () => {
    const path = scratch.write("top.yaml", "apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata: { name: s }\nspek: {}\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: TrafficSplit s spek (line 4) is not a TrafficSplit field traffic import knows (did you mean spec?); its effect on traffic is unknown, so the file is refused`,
    );
  });

  it("names a missing file", () => {
    const path = fixture("no-such-file.yaml");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: no such file`);
  });
});
