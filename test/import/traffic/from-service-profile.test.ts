// Tests for from-service-profile.ts, through importTrafficConfig: Linkerd's route retries and
// timeouts as the rule's, its retry budget, dstOverrides as a split, and routes that disagree refused.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

const BOOKSAPP = [...SERVICES, { name: "authors" }, { name: "books" }];

/** A ServiceProfile for httpbin with `spec` (indented YAML under spec:). */
function profileWith(spec: string): string {
  return scratch.write("profile.yaml", `apiVersion: linkerd.io/v1alpha2\nkind: ServiceProfile\nmetadata:\n  name: httpbin.default.svc.cluster.local\nspec:\n${spec}`);
}

/** A route named `name` with `extra` fields (YAML flow entries). */
function route(name: string, extra = ""): string {
  return `  - { name: "${name}", condition: { method: GET, pathRegex: /${name} }${extra} }\n`;
}

describe("fromServiceProfile", () => {
  it("reads the booksapp authors profile: the retryable route's timeout and retries, and the retry budget", () => {
    const file = fixture("linkerd-service-profile.yaml");
    const imported = importTrafficConfig([file], BOOKSAPP);
    expect(imported.rules).toEqual([
      {
        host: "authors",
        routes: [
          {
            backends: [{ service: "authors" }],
            timeoutMs: 300,
            retries: { attempts: 100, retryOn: ["5xx"] },
            note: "routes match by method and path, which simulated calls lack: every call to authors takes their settings (Linkerd gives a call that matches no route neither retries nor a timeout); isRetryable: Linkerd retries 5xx answers while the retry budget allows, with no count of its own (taken as 100 retries at most)",
          },
        ],
        retryBudget: { ratio: 0.2, minPerSecond: 10, ttlMs: 10_000 },
        source: `${file}: ServiceProfile authors.booksapp.svc.cluster.local`,
      },
    ]);
    expect(imported.skipped).toEqual([]);
  });

  it("gives routes without a timeout none (linkerd2 2.9 removed the 10 s default, linkerd/linkerd2#4958), and no retries when none is retryable", () => {
    const imported = importTrafficConfig([profileWith(`  routes:\n${route("a")}${route("b")}`)], SERVICES);
    expect(imported.rules).toEqual([]);
    expect(imported.skipped).toEqual([expect.stringMatching(/ServiceProfile httpbin\.default\.svc\.cluster\.local \(no route sets a timeout or isRetryable, and no retry budget or dstOverrides: it changes no call\)$/)]);
    const [retryable] = importTrafficConfig([profileWith(`  routes:\n${route("a", ", isRetryable: true")}`)], SERVICES).rules;
    expect(retryable.routes[0].timeoutMs).toBeUndefined();
    expect(retryable.routes[0].retries).toEqual({ attempts: 100, retryOn: ["5xx"] });
  });

  it("takes routes that agree as one setting for every call", () => {
    const [rule] = importTrafficConfig([profileWith(`  routes:\n${route("a", ", isRetryable: true, timeout: 2s")}${route("b", ", isRetryable: true, timeout: 2000ms")}`)], SERVICES).rules;
    expect(rule.routes[0]).toMatchObject({ timeoutMs: 2000, retries: { attempts: 100, retryOn: ["5xx"] } });
  });

  it("reads dstOverrides as weighted backends", () => {
    const spec = "  dstOverrides:\n  - { authority: httpbin-v1.default.svc.cluster.local:8000, weight: 900m }\n  - { authority: httpbin-v2.default.svc.cluster.local:8000, weight: 100m }\n";
    const [rule] = importTrafficConfig([profileWith(spec)], SERVICES).rules;
    expect(rule.routes).toEqual([{ backends: [{ service: "httpbin-v1", weight: 0.9 }, { service: "httpbin-v2", weight: 0.1 }] }]);
  });

  it("sets no rule for a profile without routes, budget or overrides, saying why", () => {
    const imported = importTrafficConfig([profileWith("  routes: []\n")], SERVICES);
    expect(imported.rules).toEqual([]);
    expect(imported.skipped).toEqual([expect.stringMatching(/ServiceProfile httpbin\.default\.svc\.cluster\.local \(no route sets a timeout or isRetryable, and no retry budget or dstOverrides: it changes no call\)$/)]);
  });

  it("lists response classes of a route that retries nothing as ignored", () => {
    const [rule] = importTrafficConfig([profileWith(`  routes:\n${route("a", ", timeout: 1s, responseClasses: [{ condition: { status: { min: 500 } }, isFailure: true }]")}`)], SERVICES).rules;
    expect(rule.ignored).toEqual(["spec.routes[0].responseClasses (failure classes for metrics: the route retries nothing)"]);
  });

  it.each([
    [
      "routes that differ in isRetryable",
      `  routes:\n${route("a", ", isRetryable: true")}${route("b")}`,
      "spec.routes[1] (line 8) (route b: not retryable, no timeout) differs from route a (retryable, no timeout); simulated calls carry no method or path, so a rule cannot give calls to httpbin per-route retries or timeouts: give every route the same isRetryable and timeout, or write the rule in the scenario's traffic list",
    ],
    [
      "routes that differ in timeout",
      `  routes:\n${route("a", ", timeout: 1s")}${route("b")}`,
      "spec.routes[1] (line 8) (route b: not retryable, no timeout) differs from route a (not retryable, timeout 1000 ms); simulated calls carry no method or path, so a rule cannot give calls to httpbin per-route retries or timeouts: give every route the same isRetryable and timeout, or write the rule in the scenario's traffic list",
    ],
    [
      "response classes on a retryable route",
      `  routes:\n${route("a", ", isRetryable: true, responseClasses: [{ condition: { status: { min: 400 } }, isFailure: true }]")}`,
      "spec.routes[0].responseClasses (line 7) changes which responses count as failures, so which ones Linkerd retries, while a traffic rule retries 5xx; write the retries in the scenario's traffic list",
    ],
    ["a zero timeout", `  routes:\n${route("a", ", timeout: 0s")}`, "spec.routes[0].timeout (line 7) is 0: a route's timeout must be a positive duration such as 300ms"],
    ["opaque ports", "  opaquePorts: [8080]\n", "spec.opaquePorts (line 6) makes the ports opaque, so Linkerd proxies their calls as TCP without HTTP routing; set the service's protocol to tcp instead"],
    ["a retry budget without retryRatio", "  retryBudget: { ttl: 10s }\n", "spec.retryBudget.retryRatio (line 6) is missing"],
    // The CRD requires all three fields (linkerd2 charts/linkerd-crds/templates/serviceprofile.yaml).
    ["a retry budget without minRetriesPerSecond", "  retryBudget: { retryRatio: 0.2, ttl: 10s }\n", "spec.retryBudget.minRetriesPerSecond (line 6) is missing"],
    ["a retry budget without ttl", "  retryBudget: { retryRatio: 0.2, minRetriesPerSecond: 10 }\n", "spec.retryBudget.ttl (line 6) is missing"],
  ])("refuses %s", (_what, spec, problem) => {
    const path = profileWith(spec);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: ServiceProfile httpbin.default.svc.cluster.local ${problem}`);
  });
});
