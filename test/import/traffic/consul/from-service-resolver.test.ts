// Tests for from-service-resolver.ts, through importTrafficConfig: Consul's load balancer and request
// timeout as rule fields, failover to other datacenters as the consul multi-cluster modes' own, and
// the fields a rule cannot express.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A ServiceResolver for httpbin with `spec` (indented YAML under spec:). */
function resolverWith(spec: string): string {
  return scratch.write("resolver.yaml", `apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata:\n  name: httpbin\nspec:\n${spec}`);
}

describe("fromServiceResolver", () => {
  it("reads the fixture: balancer and timeout as one rule, failover noted; a resolver with failover alone sets no rule", () => {
    const file = fixture("consul-service-resolver.yaml");
    const imported = importTrafficConfig([file], SERVICES);
    expect(imported.rules).toEqual([
      {
        host: "httpbin",
        routes: [{ backends: [{ service: "httpbin" }], timeoutMs: 5000 }],
        loadBalancer: "least-request",
        source: `${file}: ServiceResolver httpbin`,
        ignored: [
          "spec.connectTimeout (simulated connections succeed or are refused at once)",
          "spec.loadBalancer.leastRequestConfig (the simulation's least-request compares two replicas, Envoy's default choiceCount)",
        ],
        note: "failover of httpbin to datacenter dc2, peer west is the consul multi-cluster modes' own: calls stay in the caller's cluster while a replica there is in the endpoints and not ejected, then go to every other cluster's replicas (not in the listed order)",
      },
    ]);
    expect(imported.skipped).toEqual([expect.stringMatching(/: ServiceResolver details \(failover of details to datacenter dc3, datacenter dc4 is the consul multi-cluster modes' own/)]);
  });

  it.each([
    ["round_robin", "round-robin"],
    ["random", "random"],
  ])("takes loadBalancer.policy %s as %s, with no route of its own", (policy, balancer) => {
    const [rule] = importTrafficConfig([resolverWith(`  loadBalancer: { policy: ${policy} }\n`)], SERVICES).rules;
    expect(rule).toEqual({ host: "httpbin", routes: [{ backends: [{ service: "httpbin" }] }], loadBalancer: balancer, source: expect.stringMatching(/ServiceResolver httpbin$/) });
  });

  it("takes a request timeout alone as the route's timeout", () => {
    const [rule] = importTrafficConfig([resolverWith("  requestTimeout: 1m30s\n")], SERVICES).rules;
    expect(rule.routes).toEqual([{ backends: [{ service: "httpbin" }], timeoutMs: 90_000 }]);
    expect(rule.loadBalancer).toBeUndefined();
  });

  it.each([
    ["a redirect", "  redirect: { service: httpbin, datacenter: dc2 }\n", "spec.redirect (line 6) resolves calls to another service or datacenter, which a traffic rule cannot express"],
    ["a default subset", "  defaultSubset: v1\n", "spec.defaultSubset (line 6) sends calls to one subset (a filter on Consul's catalog), which traffic import does not read"],
    ["failover to another service", "  failover:\n    '*': { service: httpbin-backup }\n", `spec.failover["*"].service (line 7) fails over to another service (httpbin-backup), which changes a call's backend on failure; a traffic rule cannot express that`],
    ["failover to a subset", "  failover:\n    '*': { targets: [{ serviceSubset: v2 }] }\n", `spec.failover["*"].targets[0].serviceSubset (line 7) fails over to a subset (a filter on Consul's catalog), which traffic import does not read`],
    ["consistent hashing", "  loadBalancer: { policy: maglev }\n", "spec.loadBalancer.policy (line 6) is maglev: it pins calls to replicas by a hash, which no load balancer of the simulation does"],
    ["an unknown policy", "  loadBalancer: { policy: fastest }\n", "spec.loadBalancer.policy (line 6) is fastest; Consul's are round_robin, least_request, random, ring_hash, maglev"],
    ["Enterprise locality routing", "  prioritizeByLocality: { mode: failover }\n", "spec.prioritizeByLocality (line 6) is Consul Enterprise's locality routing; the consul profile models the open-source edition, which balances over every healthy instance (developer.hashicorp.com/consul/docs/manage-traffic/route-local)"],
  ])("refuses %s", (_what, spec, problem) => {
    const path = resolverWith(spec);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: ServiceResolver httpbin ${problem}`);
  });
});
