// Tests for from-http-route.ts, through importTrafficConfig: a GAMMA route with weights, a
// header match and timeouts; Gateway parents; Linkerd's HTTPRoute; one test per refused field.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

const MESH_PARENT = "  parentRefs:\n  - { group: '', kind: Service, name: reviews, port: 9080 }\n";

/** An HTTPRoute named canary with `spec` (indented YAML under spec:). */
function routeWith(spec: string, apiVersion = "gateway.networking.k8s.io/v1", metadata = ""): string {
  return scratch.write("route.yaml", `apiVersion: ${apiVersion}\nkind: HTTPRoute\nmetadata:\n  name: canary\n${metadata}spec:\n${spec}`);
}

describe("fromHttpRoute: GAMMA routes", () => {
  it("converts the fixture: header route first (precedence), 80/20 split, timeouts in ms, other kinds skipped", () => {
    const file = fixture("gamma-http-route.yaml");
    expect(importTrafficConfig([file], SERVICES)).toEqual({
      rules: [
        {
          host: "reviews",
          routes: [
            { match: { headers: { "end-user": "jason" } }, backends: [{ service: "reviews-v3" }], timeoutMs: 500 },
            {
              backends: [
                { service: "reviews-v1", weight: 80 },
                { service: "reviews-v2", weight: 20 },
              ],
              timeoutMs: 2000,
            },
          ],
          source: `${file}: HTTPRoute reviews-canary`,
          ignored: ["metadata.labels", "spec.rules[1].filters[0] (RequestHeaderModifier: header changes cost no time in the simulation)"],
        },
      ],
      skipped: [`${file}: Service reviews`, `${file}: Deployment reviews-v3`],
    });
  });

  it("orders matches by header count, then rule order, and a match of PathPrefix / by headers alone", () => {
    const path = routeWith(
      MESH_PARENT +
        "  rules:\n  - backendRefs: [{ name: reviews-v1 }]\n" +
        "  - matches: [{ headers: [{ name: a, value: '1' }] }]\n    backendRefs: [{ name: reviews-v2 }]\n" +
        "  - matches: [{ path: { type: PathPrefix, value: / }, headers: [{ name: a, value: '1' }, { name: b, value: '2' }] }]\n    backendRefs: [{ name: reviews-v3 }]\n",
    );
    const routes = importTrafficConfig([path], SERVICES).rules[0].routes;
    expect(routes.map((route) => [route.match?.headers, route.backends[0].service])).toEqual([
      [{ a: "1", b: "2" }, "reviews-v3"],
      [{ a: "1" }, "reviews-v2"],
      [undefined, "reviews-v1"],
    ]);
  });

  it("uses backendRequest as the per-try timeout when the rule retries", () => {
    const path = routeWith(`${MESH_PARENT}  rules:\n  - backendRefs: [{ name: reviews-v1 }]\n    timeouts: { request: 3s, backendRequest: 1s }\n    retry: { attempts: 2, codes: [503, 504], backoff: 100ms }\n`);
    const [route] = importTrafficConfig([path], SERVICES).rules[0].routes;
    expect(route).toEqual({
      backends: [{ service: "reviews-v1" }],
      timeoutMs: 3000,
      retries: { attempts: 2, retryOn: ["gateway-error"], backoffMs: 100, perTryTimeoutMs: 1000 },
      note: "retryOn 503 taken as gateway-error: gateway-error also retries the rest of 502, 503 and 504; retryOn 504 taken as gateway-error: gateway-error also retries the rest of 502, 503 and 504",
    });
  });

  it("takes a request timeout of 0s as none", () => {
    const path = routeWith(`${MESH_PARENT}  rules:\n  - backendRefs: [{ name: reviews-v1 }]\n    timeouts: { request: 0s }\n`);
    const [route] = importTrafficConfig([path], SERVICES).rules[0].routes;
    expect(route.timeoutMs).toBeUndefined();
    expect(route.note).toBe("timeout 0s: no timeout");
  });

  it("gives a rule per parent Service", () => {
    const path = routeWith("  parentRefs:\n  - { kind: Service, group: core, name: ratings }\n  - { kind: Service, group: '', name: details.default.svc.cluster.local }\n  rules:\n  - backendRefs: [{ name: ratings }]\n");
    expect(importTrafficConfig([path], SERVICES).rules.map((rule) => rule.host)).toEqual(["ratings", "details"]);
  });
});

describe("fromHttpRoute: Gateway parents and Linkerd", () => {
  it("applies a Gateway-attached route to its default backend and ignores its hostnames", () => {
    const path = routeWith(
      "  parentRefs: [{ name: public-gateway }]\n  hostnames: [shop.example.com]\n  rules:\n  - matches: [{ headers: [{ name: x-beta, value: 'yes' }] }]\n    backendRefs: [{ name: reviews-v2 }]\n  - backendRefs: [{ name: productpage, weight: 1 }]\n",
    );
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule.host).toBe("productpage");
    expect(rule.routes.map((route) => route.backends[0].service)).toEqual(["reviews-v2", "productpage"]);
    expect(rule.ignored).toEqual(["spec.hostnames (ingress host names: the rule applies to calls to productpage, the default backend)"]);
    expect(rule.note).toBe("attached to Gateway public-gateway: applied to calls to productpage, its default backend");
  });

  it("reads Linkerd's HTTPRoute with its retry and timeout annotations", () => {
    const path = routeWith(
      `${MESH_PARENT}  rules:\n  - backendRefs: [{ name: reviews-v1, port: 9080 }]\n`,
      "policy.linkerd.io/v1beta3",
      "  annotations:\n    retry.linkerd.io/http: 5xx,429\n    retry.linkerd.io/limit: '3'\n    retry.linkerd.io/timeout: 300ms\n    timeout.linkerd.io/request: 2s\n",
    );
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule.routes).toEqual([
      { backends: [{ service: "reviews-v1" }], timeoutMs: 2000, retries: { attempts: 3, retryOn: ["5xx"], perTryTimeoutMs: 300 } },
    ]);
    expect(rule.ignored).toEqual(['metadata.annotations["retry.linkerd.io/http"] (429: no retry condition of the simulation covers status codes below 500)']);
  });

  it("skips a Linkerd route whose parent is a Server (inbound authorization)", () => {
    const path = routeWith("  parentRefs: [{ group: policy.linkerd.io, kind: Server, name: reviews-http }]\n  rules:\n  - matches: [{ path: { value: /reviews } }]\n", "policy.linkerd.io/v1beta1");
    expect(importTrafficConfig([path], SERVICES)).toEqual({ rules: [], skipped: [`${path}: HTTPRoute canary (inbound route of a Linkerd Server: it routes no call)`] });
  });
});

describe("fromHttpRoute: refused input, one message each", () => {
  const rules = (text: string): string => `${MESH_PARENT}  rules:\n${text}`;

  it.each([
    ["a path match", rules("  - matches: [{ path: { type: PathPrefix, value: /api } }]\n    backendRefs: [{ name: reviews-v1 }]\n"), "spec.rules[0].matches[0].path (line 9)", "matches on the path (PathPrefix /api), while traffic rules match exact headers only"],
    ["a method match", rules("  - matches: [{ method: POST }]\n    backendRefs: [{ name: reviews-v1 }]\n"), "spec.rules[0].matches[0].method (line 9)", "matches on the method, while traffic rules match exact headers only"],
    ["a regex header match", rules("  - matches: [{ headers: [{ type: RegularExpression, name: user, value: 'j.*' }] }]\n    backendRefs: [{ name: reviews-v1 }]\n"), "spec.rules[0].matches[0].headers[0].type (line 9)", "is RegularExpression; traffic rules match exact header values only"],
    ["a mirror filter", rules("  - filters: [{ type: RequestMirror, requestMirror: { backendRef: { name: reviews-v2 } } }]\n    backendRefs: [{ name: reviews-v1 }]\n"), "spec.rules[0].filters[0] (line 9)", "mirrors calls to another service, which traffic rules cannot express"],
    ["a redirect filter", rules("  - filters: [{ type: RequestRedirect, requestRedirect: { scheme: https } }]\n"), "spec.rules[0].filters[0] (line 9)", "answers with a redirect instead of routing, which traffic rules cannot express"],
    ["a hostname rewrite", rules("  - filters: [{ type: URLRewrite, urlRewrite: { hostname: ratings } }]\n    backendRefs: [{ name: reviews-v1 }]\n"), "spec.rules[0].filters[0].urlRewrite.hostname (line 9)", "rewrites the Host header, which can change where the call goes; traffic rules cannot express it"],
    ["a backend that is no Service", rules("  - backendRefs: [{ name: reviews, kind: ServiceImport, group: multicluster.x-k8s.io }]\n"), "spec.rules[0].backendRefs[0].kind (line 9)", "is ServiceImport; traffic import routes to Services only"],
    ["backendRequest longer than request", rules("  - backendRefs: [{ name: reviews-v1 }]\n    timeouts: { request: 1s, backendRequest: 2s }\n"), "spec.rules[0].timeouts.backendRequest (line 10)", "is 2000 ms, longer than the request timeout of 1000 ms; Gateway API requires backendRequest <= request"],
    ["a fractional duration", rules("  - backendRefs: [{ name: reviews-v1 }]\n    timeouts: { request: 1.5s }\n"), "spec.rules[0].timeouts.request (line 10)", 'must be a Gateway API duration such as 500ms, 10s or 1m (whole numbers, units h, m, s, ms), not "1.5s"'],
    ["every weight 0", rules("  - backendRefs: [{ name: reviews-v1, weight: 0 }, { name: reviews-v2, weight: 0 }]\n"), "spec.rules[0].backendRefs (line 9)", "gives every backend weight 0, so Gateway API answers 500 to every call, which traffic rules cannot express"],
    ["a rule without backends", rules("  - matches: [{ headers: [{ name: a, value: b }] }]\n"), "spec.rules[0].backendRefs (line 9)", "is missing: Gateway API answers 500 to calls a rule has no backend for, which traffic rules cannot express"],
    ["session persistence", rules("  - backendRefs: [{ name: reviews-v1 }]\n    sessionPersistence: { type: Cookie }\n"), "spec.rules[0].sessionPersistence (line 10)", "pins sessions to replicas, which no load balancer of the simulation does"],
    ["mixed parents", "  parentRefs:\n  - { kind: Service, group: '', name: reviews }\n  - { name: public-gateway }\n  rules:\n  - backendRefs: [{ name: reviews-v1 }]\n", "spec.parentRefs (line 6)", "mixes Service, Gateway and Server parents; split it into one route per kind of parent (mesh, ingress, inbound)"],
    ["a Service parent without group", "  parentRefs: [{ kind: Service, name: reviews }]\n  rules:\n  - backendRefs: [{ name: reviews-v1 }]\n", "spec.parentRefs[0].group (line 6)", 'is missing, so Gateway API reads gateway.networking.k8s.io and the route attaches to no Service; set group: "" (core)'],
    ["a parent of another kind", "  parentRefs: [{ kind: ServiceImport, group: multicluster.x-k8s.io, name: reviews }]\n  rules:\n  - backendRefs: [{ name: reviews-v1 }]\n", "spec.parentRefs[0].kind (line 6)", 'is ServiceImport (group "multicluster.x-k8s.io"); traffic import reads routes whose parents are Services (mesh) or Gateways (ingress)'],
    ["no parents", "  rules:\n  - backendRefs: [{ name: reviews-v1 }]\n", "spec.parentRefs (line 5)", "is missing: a route without parents applies to no call"],
  ])("refuses %s", (_what, spec, field, problem) => {
    const path = routeWith(spec);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: HTTPRoute canary ${field} ${problem}`);
  });
});
