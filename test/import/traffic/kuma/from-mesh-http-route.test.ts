// Tests for from-mesh-http-route.ts, through importTrafficConfig: Kuma's weighted backendRefs and
// header matches as routes, the default route to the destination, and MeshRetry applied to them.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { kumaPolicy, toHttpbin } from "./_kuma-policies.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A MeshHTTPRoute for calls to httpbin with `rules` (YAML list items indented under rules:). */
const routeWith = (rules: string): string => kumaPolicy(scratch, "MeshHTTPRoute", `  to:\n    - targetRef: { kind: MeshService, name: httpbin }\n      rules:\n${rules}`);

describe("fromMeshHttpRoute", () => {
  it("reads the traffic-split example: 90/10 over httpbin's version-tagged proxies", () => {
    const file = fixture("kuma-mesh-http-route.yaml");
    expect(importTrafficConfig([file], SERVICES).rules).toEqual([
      {
        host: "httpbin",
        routes: [{ backends: [{ service: "httpbin-v1", weight: 90 }, { service: "httpbin-v2", weight: 10 }] }],
        source: `${file}: MeshHTTPRoute http-split`,
        ignored: ["metadata.labels"],
      },
    ]);
  });

  it("puts header matches first and sends calls no rule matches to the destination itself", () => {
    const rules =
      "        - matches: [{ headers: [{ name: X-Version, value: v2 }] }]\n          default: { backendRefs: [{ kind: MeshService, name: httpbin-v2 }] }\n" +
      "        - matches: [{ headers: [{ name: x-version, value: v1 }, { name: x-beta, value: 'yes' }] }]\n          default: { backendRefs: [{ kind: MeshService, name: httpbin-v1 }] }\n";
    const [rule] = importTrafficConfig([routeWith(rules)], SERVICES).rules;
    expect(rule.routes).toEqual([
      { match: { headers: { "x-version": "v1", "x-beta": "yes" } }, backends: [{ service: "httpbin-v1", weight: 1 }], note: "calls to httpbin that no rule matches go to httpbin itself (Kuma's default route)" },
      { match: { headers: { "x-version": "v2" } }, backends: [{ service: "httpbin-v2", weight: 1 }], note: "calls to httpbin that no rule matches go to httpbin itself (Kuma's default route)" },
      { backends: [{ service: "httpbin" }], note: "calls to httpbin that no rule matches go to httpbin itself (Kuma's default route)" },
    ]);
  });

  it("gives every route the retries and timeout of the service's MeshRetry and MeshTimeout", () => {
    const route = routeWith("        - matches: [{ headers: [{ name: x-version, value: v2 }] }]\n          default: { backendRefs: [{ kind: MeshService, name: httpbin-v2 }] }\n");
    const retry = kumaPolicy(scratch, "MeshRetry", toHttpbin("        http: { numRetries: 2, retryOn: [5xx] }\n"));
    const timeout = kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 1s }\n"));
    const [rule] = importTrafficConfig([route, retry, timeout], SERVICES).rules;
    expect(rule.routes.map((entry) => [entry.timeoutMs, entry.retries])).toEqual([
      [1000, { attempts: 2, retryOn: ["5xx"] }],
      [1000, { attempts: 2, retryOn: ["5xx"] }],
    ]);
    expect(rule.source).toBe(`${route}: MeshHTTPRoute p + ${retry}: MeshRetry p + ${timeout}: MeshTimeout p`);
  });

  it.each([
    ["a path match", "        - matches: [{ path: { type: PathPrefix, value: /api } }]\n          default: {}\n", "spec.to[0].rules[0].matches[0].path (line 9) matches on the path (PathPrefix /api), while traffic rules match exact headers only"],
    ["a method match", "        - matches: [{ method: GET }]\n          default: {}\n", "spec.to[0].rules[0].matches[0].method (line 9) matches on the method, while traffic rules match exact headers only"],
    ["a prefix header", "        - matches: [{ headers: [{ type: Prefix, name: x-a, value: b }] }]\n          default: {}\n", "spec.to[0].rules[0].matches[0].headers[0].type (line 9) is Prefix; traffic rules match exact header values only"],
    ["a mirror", "        - matches: [{ path: { type: PathPrefix, value: / } }]\n          default: { filters: [{ type: RequestMirror, requestMirror: { backendRef: { kind: MeshService, name: httpbin-v2 } } }] }\n", "spec.to[0].rules[0].default.filters[0] (line 10) mirrors calls to another service, which traffic rules cannot express"],
    ["an external backend", "        - matches: [{ path: { type: PathPrefix, value: / } }]\n          default: { backendRefs: [{ kind: MeshExternalService, name: httpbin-org }] }\n", "spec.to[0].rules[0].default.backendRefs[0].kind (line 10) is MeshExternalService; traffic import routes to MeshService, MeshMultiZoneService and MeshServiceSubset"],
  ])("refuses %s", (_what, rules, problem) => {
    const path = routeWith(rules);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: MeshHTTPRoute p ${problem}`);
  });

  it("refuses routes for every service", () => {
    const path = kumaPolicy(scratch, "MeshHTTPRoute", "  to:\n    - targetRef: { kind: Mesh }\n      rules: [{ matches: [{ headers: [{ name: a, value: b }] }], default: {} }]\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: MeshHTTPRoute p spec.to[0].targetRef.kind (line 7) is Mesh: routes for calls to every service name no backends of their own; name the MeshService`,
    );
  });
});
