// Tests for from-service-router.ts, through importTrafficConfig: header routes, timeouts and
// retries as Consul makes them, and the matches a rule cannot express refused with file, object,
// field and line.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { createScratch, SERVICES } from "../_traffic-fixtures.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A ServiceRouter for httpbin with one route whose match.http is `http` and destination `destination` (flow YAML). */
function routerWith(http: string, destination = "{ service: httpbin-v1 }"): string {
  return scratch.write(
    "router.yaml",
    `apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceRouter\nmetadata:\n  name: httpbin\nspec:\n  routes:\n    - match:\n        http: ${http}\n      destination: ${destination}\n`,
  );
}

describe("readServiceRouter", () => {
  it.each([
    ["numRetries alone (no condition: Envoy retries nothing)", "{ numRetries: 2 }", { attempts: 0 }, /numRetries 2 without a retry condition/],
    ["retryOnConnectFailure alone (Envoy's default of 1 retry)", "{ retryOnConnectFailure: true }", { attempts: 1, retryOn: ["connect-failure"] }, /numRetries not given: Envoy's default of 1 retry/],
    ["retryOn names", "{ numRetries: 4, retryOn: [gateway-error, reset] }", { attempts: 4, retryOn: ["gateway-error", "reset"] }, undefined],
  ])("maps %s", (_what, destination, retries, note) => {
    const [rule] = importTrafficConfig([routerWith("{ header: [{ name: x-a, exact: b }] }", destination)], SERVICES).rules;
    expect(rule.routes[0].retries).toEqual(retries);
    if (note) expect(rule.routes[0].note).toMatch(note);
    else expect(rule.routes[0].note).toBeUndefined();
  });

  it("takes a route matching the prefix / as every call's, with no catch-all after it", () => {
    const [rule] = importTrafficConfig([routerWith("{ pathPrefix: / }", "{ service: httpbin-v1, requestTimeout: 15s }")], SERVICES).rules;
    expect(rule.routes).toEqual([{ backends: [{ service: "httpbin-v1" }], timeoutMs: 15_000 }]);
  });

  it.each([
    ["a path prefix", "{ pathPrefix: /admin }", "spec.routes[0].match.http.pathPrefix (line 8) matches on the request line, while traffic rules match exact headers only"],
    ["an exact path", "{ pathExact: /health }", "spec.routes[0].match.http.pathExact (line 8) matches on the request line, while traffic rules match exact headers only"],
    ["a path regex", "{ pathRegex: '/v[0-9]+' }", "spec.routes[0].match.http.pathRegex (line 8) matches on the request line, while traffic rules match exact headers only"],
    ["methods", "{ methods: [GET] }", "spec.routes[0].match.http.methods (line 8) matches on the request line, while traffic rules match exact headers only"],
    ["query parameters", "{ queryParam: [{ name: a, exact: b }] }", "spec.routes[0].match.http.queryParam (line 8) matches on the request line, while traffic rules match exact headers only"],
    ["a header prefix", "{ header: [{ name: x-a, prefix: b }] }", "spec.routes[0].match.http.header[0].prefix (line 8) is a prefix match; traffic rules match exact header values only"],
    ["an inverted header", "{ header: [{ name: x-a, exact: b, invert: true }] }", "spec.routes[0].match.http.header[0].invert (line 8) inverts the match, while traffic rules match exact header values only"],
  ])("refuses %s", (_what, http, problem) => {
    const path = routerWith(http);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: ServiceRouter httpbin ${problem}`);
  });
});
