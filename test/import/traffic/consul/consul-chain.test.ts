// Tests for consul-chain.ts, through importTrafficConfig: a service's router, splitter and resolver
// as one rule, ServiceDefaults' upstream limits joined to it, and what the chain refuses.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

const HEADER = "apiVersion: consul.hashicorp.com/v1alpha1\n";

/** A Consul entry of `kind` named `name` with `spec` (indented YAML under spec:). */
function entry(kind: string, name: string, spec: string): string {
  return `${HEADER}kind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

describe("convertConsulEntries", () => {
  it("reads the fixture: router, splitter and resolver as one rule for httpbin, productpage's upstream limits as its policies", () => {
    const file = fixture("consul-discovery-chain.yaml");
    const imported = importTrafficConfig([file], SERVICES);
    expect(imported.rules).toHaveLength(1);
    const [rule] = imported.rules;
    expect(rule.routes).toEqual([
      {
        match: { headers: { "x-debug": "1" } },
        backends: [{ service: "httpbin-v2" }],
        timeoutMs: 2000,
        retries: { attempts: 3, retryOn: ["connect-failure", "gateway-error"] },
        note: "retryOn 503 taken as gateway-error: gateway-error also retries the rest of 502, 503 and 504",
      },
      { backends: [{ service: "httpbin-v1", weight: 90 }, { service: "httpbin-v2", weight: 10 }] },
    ]);
    expect(rule.circuitBreaker).toEqual({ maxConnections: 512, maxPendingRequests: 512, maxRequests: 512 });
    expect(rule.outlierDetection).toEqual({ consecutive5xx: 3, intervalMs: 10_000 });
    expect(rule.source).toBe(`${file}: ServiceRouter httpbin + ${file}: ServiceDefaults productpage`);
    expect(rule.note).toContain("subset v1 of httpbin (filter \"Service.Meta.version == v1\") is service httpbin-v1");
    expect(rule.note).toContain("Consul sets these limits on the proxies of productpage for their calls to httpbin; the rule applies them to every caller of httpbin");
    expect(imported.skipped).toEqual([
      `${file}: ServiceResolver httpbin (calls go through ServiceRouter httpbin (${file}), which its subsets serve; it sets no load balancer)`,
      `${file}: ServiceDefaults ratings (it sets no upstream limits or passive health checks)`,
    ]);
  });

  it("takes a splitter alone as a weighted route, following another service's splitter (Consul flattens nested splitters)", () => {
    const path = scratch.write(
      "splitters.yaml",
      [
        entry("ServiceSplitter", "website", "  splits:\n    - { weight: 50, service: website-v1 }\n    - { weight: 50, service: api }\n"),
        entry("ServiceSplitter", "api", "  splits:\n    - { weight: 80, service: api-v1 }\n    - { weight: 20, service: api-v2 }\n"),
      ].join("---\n"),
    );
    const rules = importTrafficConfig([path], SERVICES).rules;
    expect(rules.map((rule) => [rule.host, rule.routes])).toEqual([
      ["website", [{ backends: [{ service: "website-v1", weight: 50 }, { service: "api-v1", weight: 40 }, { service: "api-v2", weight: 10 }] }]],
      ["api", [{ backends: [{ service: "api-v1", weight: 80 }, { service: "api-v2", weight: 20 }] }]],
    ]);
  });

  it("keeps a resolver's load balancer beside a router and drops its timeout, which Consul applies only without one", () => {
    const path = scratch.write(
      "router-resolver.yaml",
      [
        entry("ServiceRouter", "httpbin", "  routes:\n    - match: { http: { header: [{ name: x-canary, exact: 'yes' }] } }\n      destination: { service: httpbin-v2 }\n"),
        entry("ServiceResolver", "httpbin", "  requestTimeout: 5s\n  loadBalancer: { policy: least_request }\n"),
      ].join("---\n"),
    );
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule.routes).toEqual([{ match: { headers: { "x-canary": "yes" } }, backends: [{ service: "httpbin-v2" }] }, { backends: [{ service: "httpbin" }] }]);
    expect(rule.loadBalancer).toBe("least-request");
    expect(rule.ignored).toEqual([
      expect.stringMatching(/^ServiceResolver httpbin: spec.requestTimeout \(ServiceRouter httpbin \(.*\) is in front of the resolver, and Consul applies a resolver's timeout only to calls no router or splitter handles\)$/),
    ]);
  });

  it("takes a subset whose filter names no service metadata by the service's name", () => {
    const path = scratch.write(
      "tags.yaml",
      [entry("ServiceSplitter", "api", "  splits:\n    - { weight: 100, serviceSubset: v2 }\n"), entry("ServiceResolver", "api", "  subsets:\n    v2: { filter: 'v2 in Service.Tags' }\n")].join("---\n"),
    );
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule.routes).toEqual([{ backends: [{ service: "api-v2", weight: 100 }] }]);
    expect(rule.note).toContain("its filter names no service metadata, so by name");
  });

  it.each([
    [
      "a subset the resolver does not define",
      [entry("ServiceSplitter", "api", "  splits:\n    - { weight: 100, serviceSubset: v3 }\n"), entry("ServiceResolver", "api", "  subsets:\n    v1: { filter: 'Service.Meta.version == v1' }\n")],
      /ServiceSplitter api spec.splits\[0\].serviceSubset \(line \d+\) names subset v3 of api, which ServiceResolver api \(.*\) does not define \(it defines v1\)$/,
    ],
    [
      "two routers for one service",
      [entry("ServiceRouter", "api", "  routes: []\n"), entry("ServiceRouter", "api", "  routes: []\n")],
      /ServiceRouter api metadata.name \(line \d+\) configures api, as ServiceRouter api \(.*\) does; Consul keeps one ServiceRouter per service$/,
    ],
    [
      "different limits on one upstream from two callers",
      [
        entry("ServiceDefaults", "productpage", "  upstreamConfig:\n    overrides:\n      - { name: httpbin, limits: { maxConnections: 10 } }\n"),
        entry("ServiceDefaults", "ratings", "  upstreamConfig:\n    overrides:\n      - { name: httpbin, limits: { maxConnections: 20 } }\n"),
      ],
      /ServiceDefaults ratings spec.upstreamConfig.overrides\[0\].name \(line \d+\) sets other limits on calls to httpbin than ServiceDefaults productpage \(.*\) does, while a traffic rule holds one policy per host for every caller$/,
    ],
  ])("refuses %s", (_what, documents, problem) => {
    const path = scratch.write("refused.yaml", documents.join("---\n"));
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toMatch(problem);
  });

  it("joins a resolver's balancer and a ServiceDefaults' limits on the same service into one rule", () => {
    const path = scratch.write(
      "resolver-defaults.yaml",
      [
        entry("ServiceResolver", "details", "  loadBalancer: { policy: random }\n"),
        entry("ServiceDefaults", "productpage", "  upstreamConfig:\n    overrides:\n      - { name: details, limits: { maxPendingRequests: 8 } }\n"),
      ].join("---\n"),
    );
    const imported = importTrafficConfig([path], SERVICES);
    expect(imported.rules).toEqual([
      {
        host: "details",
        routes: [{ backends: [{ service: "details" }] }],
        loadBalancer: "random",
        circuitBreaker: { maxPendingRequests: 8 },
        source: `${path}: ServiceResolver details`,
        note: `circuit breaker and outlier detection from ServiceDefaults productpage (${path}); Consul sets these limits on the proxies of productpage for their calls to details; the rule applies them to every caller of details`,
      },
    ]);
    expect(imported.skipped).toEqual([]);
  });

  it("joins equal limits two callers set on one upstream, naming both callers", () => {
    const limits = "  upstreamConfig:\n    overrides:\n      - { name: httpbin, limits: { maxConcurrentRequests: 64 } }\n";
    const path = scratch.write("two-callers.yaml", [entry("ServiceDefaults", "productpage", limits), entry("ServiceDefaults", "ratings", limits)].join("---\n"));
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule.circuitBreaker).toEqual({ maxRequests: 64 });
    expect(rule.note).toContain("Consul sets these limits on the proxies of productpage, ratings for their calls to httpbin");
  });
});
