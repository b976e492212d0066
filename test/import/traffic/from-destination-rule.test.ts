// Tests for from-destination-rule.ts, through importTrafficConfig: Istio's circuit-breaking and
// outlier-detection settings onto the rule's fields, and one test per refused policy.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A DestinationRule for httpbin with `trafficPolicy` (indented YAML under it). */
function httpbinWith(trafficPolicy: string): string {
  return scratch.write("dr.yaml", `apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata:\n  name: httpbin\nspec:\n  host: httpbin.default.svc.cluster.local\n  trafficPolicy:\n${trafficPolicy}`);
}

describe("fromDestinationRule: what it converts", () => {
  it("reads load balancer, connection pool and outlier detection of the resilience fixture", () => {
    const file = fixture("destination-rule-resilience.yaml");
    expect(importTrafficConfig([file], SERVICES).rules).toEqual([
      {
        host: "httpbin",
        routes: [{ backends: [{ service: "httpbin" }] }],
        loadBalancer: "least-request",
        circuitBreaker: { maxConnections: 100, maxPendingRequests: 10, maxRequests: 1000, maxRetries: 3 },
        outlierDetection: { consecutive5xx: 3, intervalMs: 5000, baseEjectionMs: 180_000, maxEjectionPercent: 50 },
        source: `${file}: DestinationRule httpbin`,
        ignored: [
          "metadata.annotations",
          "spec.exportTo (visibility across namespaces)",
          "spec.trafficPolicy.connectionPool.tcp.connectTimeout (simulated connections succeed or are refused at once)",
          "spec.trafficPolicy.tls (ISTIO_MUTUAL: mTLS follows the scenario's mesh.mtls)",
        ],
        note: "consecutiveGatewayErrors 3 counted as consecutive5xx: the simulation counts every 5xx, timeouts and resets alike",
      },
    ]);
  });

  it.each([
    ["ROUND_ROBIN", "round-robin"],
    ["RANDOM", "random"],
    ["LEAST_REQUEST", "least-request"],
    ["LEAST_CONN", "least-request"],
  ])("loadBalancer.simple %s is %s", (simple, loadBalancer) => {
    expect(importTrafficConfig([httpbinWith(`    loadBalancer: { simple: ${simple} }\n`)], SERVICES).rules[0].loadBalancer).toBe(loadBalancer);
  });

  it("leaves out connection-pool limits of 0, which Istio reads as no limit", () => {
    const [rule] = importTrafficConfig([httpbinWith("    connectionPool:\n      tcp: { maxConnections: 0 }\n      http: { http2MaxRequests: 50, maxRetries: 0 }\n")], SERVICES).rules;
    expect(rule.circuitBreaker).toEqual({ maxRequests: 50 });
    expect(rule.note).toBe("connection-pool limits of 0 mean no limit in Istio and are left out");
  });

  it("takes consecutive5xxErrors as it is and leaves unset fields to the defaults", () => {
    const [rule] = importTrafficConfig([httpbinWith("    outlierDetection: { consecutive5xxErrors: 2, interval: 1s }\n")], SERVICES).rules;
    expect(rule.outlierDetection).toEqual({ consecutive5xx: 2, intervalMs: 1000 });
    expect(rule.note).toBeUndefined();
  });

  it("takes the deprecated consecutiveErrors (gateway errors) as consecutive5xx, with a note", () => {
    const [rule] = importTrafficConfig([httpbinWith("    outlierDetection: { consecutiveErrors: 4, baseEjectionTime: 15s }\n")], SERVICES).rules;
    expect(rule.outlierDetection).toEqual({ consecutive5xx: 4, baseEjectionMs: 15_000 });
    expect(rule.note).toBe("consecutiveErrors 4 counted as consecutive5xx: the simulation counts every 5xx, timeouts and resets alike");
  });

  it("drops outlier detection that consecutive5xxErrors 0 turns off", () => {
    const [rule] = importTrafficConfig([httpbinWith("    outlierDetection: { consecutive5xxErrors: 0 }\n")], SERVICES).rules;
    expect(rule.outlierDetection).toBeUndefined();
    expect(rule.note).toBe("outlier detection of httpbin is off (consecutive5xxErrors 0 and no gateway-error count)");
  });

  it("takes Istio's retry budget percent as the ratio and its interval as ttlMs", () => {
    const [rule] = importTrafficConfig([httpbinWith("    retryBudget: { percent: 25, minRetryConcurrency: 5, budgetInterval: 10s }\n")], SERVICES).rules;
    expect(rule.retryBudget).toEqual({ ratio: 0.25, ttlMs: 10_000 });
    expect(rule.ignored).toEqual(["spec.trafficPolicy.retryBudget.minRetryConcurrency (a floor on concurrent retries, which has no counterpart in a budget of retries per second)"]);
  });

  it("ignores a maxRequestsPerConnection above 1 and the default h2UpgradePolicy", () => {
    const [rule] = importTrafficConfig([httpbinWith("    connectionPool:\n      http: { maxRequestsPerConnection: 100, h2UpgradePolicy: DEFAULT, http1MaxPendingRequests: 5 }\n")], SERVICES).rules;
    expect(rule.circuitBreaker).toEqual({ maxPendingRequests: 5 });
    expect(rule.ignored).toEqual([
      "spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection (a reconnect every few calls adds little)",
      "spec.trafficPolicy.connectionPool.http.h2UpgradePolicy (DEFAULT: the mesh's default)",
    ]);
  });
});

describe("fromDestinationRule: refused input, one message each", () => {
  it.each([
    ["consistentHash", "    loadBalancer:\n      consistentHash: { httpHeaderName: x-user }\n", "spec.trafficPolicy.loadBalancer.consistentHash (line 9)", "pins calls to replicas by a hash, which no load balancer of the simulation does"],
    ["PASSTHROUGH", "    loadBalancer: { simple: PASSTHROUGH }\n", "spec.trafficPolicy.loadBalancer.simple (line 8)", "is PASSTHROUGH: calls go to the address the caller resolved, without load balancing, which a traffic rule cannot express"],
    ["an unknown load balancer", "    loadBalancer: { simple: FASTEST }\n", "spec.trafficPolicy.loadBalancer.simple (line 8)", "is FASTEST; Istio's are ROUND_ROBIN, RANDOM, LEAST_REQUEST, LEAST_CONN and PASSTHROUGH"],
    ["TLS turned off", "    tls: { mode: DISABLE }\n", "spec.trafficPolicy.tls.mode (line 8)", "is DISABLE: calls to httpbin go without mTLS; set the scenario's mtls instead"],
    ["TLS origination", "    tls: { mode: SIMPLE, sni: example.com }\n", "spec.trafficPolicy.tls.mode (line 8)", "is SIMPLE: the client proxy originates TLS, which the simulation does not model"],
    ["one request per connection", "    connectionPool:\n      http: { maxRequestsPerConnection: 1 }\n", "spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection (line 9)", "is 1: every call opens a new connection; set keepAlive: false on the scenario's services instead"],
    ["HTTP/2 upgrade", "    connectionPool:\n      http: { h2UpgradePolicy: UPGRADE }\n", "spec.trafficPolicy.connectionPool.http.h2UpgradePolicy (line 9)", "is UPGRADE: HTTP/1.1 becomes HTTP/2 between the proxies, which the mesh profile decides, not a traffic rule"],
    ["port-level settings", "    portLevelSettings:\n    - port: { number: 80 }\n      loadBalancer: { simple: RANDOM }\n", "spec.trafficPolicy.portLevelSettings (line 8)", "sets policies per port, while a traffic rule has one policy per host"],
    ["a negative limit", "    connectionPool:\n      tcp: { maxConnections: -1 }\n", "spec.trafficPolicy.connectionPool.tcp.maxConnections (line 9)", "must be an integer >= 0, not -1"],
    ["a malformed interval", "    outlierDetection: { interval: soon }\n", "spec.trafficPolicy.outlierDetection.interval (line 8)", 'must be a duration such as 10s, 500ms or 1m30s, not "soon"'],
  ])("refuses %s", (_what, trafficPolicy, field, problem) => {
    const path = httpbinWith(trafficPolicy);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: DestinationRule httpbin ${field} ${problem}`);
  });

  it("refuses workloadSelector, which limits the callers", () => {
    const path = scratch.write("selector.yaml", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: httpbin }\nspec:\n  host: httpbin\n  workloadSelector:\n    matchLabels: { app: sleep }\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: DestinationRule httpbin spec.workloadSelector (line 6) applies the rule to some callers only, while a traffic rule applies to every caller`,
    );
  });

  it("refuses a wildcard host", () => {
    const path = scratch.write("wildcard.yaml", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: all }\nspec:\n  host: '*.local'\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: DestinationRule all spec.host (line 5) is a wildcard (*.local), which names no single service; write one DestinationRule per service`,
    );
  });

  it("refuses two subsets of one name", () => {
    const path = scratch.write("twice.yaml", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: reviews }\nspec:\n  host: reviews\n  subsets:\n  - { name: v1, labels: { version: v1 } }\n  - { name: v1, labels: { version: v2 } }\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: DestinationRule reviews spec.subsets[1].name (line 8) repeats subset v1; subset names must be unique`,
    );
  });
});

describe("fromDestinationRule: localityLbSetting", () => {
  it("reads Istio's locality failover fixture: locality load balancing with its outlier detection, regional failover ignored", () => {
    const file = fixture("destination-rule-locality.yaml");
    const [rule] = importTrafficConfig([file], SERVICES).rules;
    expect(rule).toMatchObject({ host: "httpbin", loadBalancer: "round-robin", localityLoadBalancing: true, outlierDetection: { consecutive5xx: 1, intervalMs: 1000, baseEjectionMs: 60_000 } });
    expect(rule.ignored).toEqual([expect.stringMatching(/^spec\.trafficPolicy\.loadBalancer\.localityLbSetting\.failover \(failover between regions/)]);
  });

  it("takes localityLbSetting (enabled by default) with outlierDetection as localityLoadBalancing: true", () => {
    const [rule] = importTrafficConfig([httpbinWith("    loadBalancer:\n      localityLbSetting: { enabled: true }\n    outlierDetection: { consecutive5xxErrors: 3 }\n")], SERVICES).rules;
    expect(rule.localityLoadBalancing).toBe(true);
    expect(rule.outlierDetection).toEqual({ consecutive5xx: 3 });
    expect(rule.note).toBeUndefined();
  });

  it("notes that without outlierDetection Istio does not fail over by locality", () => {
    const [rule] = importTrafficConfig([httpbinWith("    loadBalancer:\n      simple: ROUND_ROBIN\n      localityLbSetting: {}\n")], SERVICES).rules;
    expect(rule.localityLoadBalancing).toBe(true);
    expect(rule.loadBalancer).toBe("round-robin");
    expect(rule.note).toBe("localityLbSetting of httpbin acts only with outlierDetection, which the DestinationRule does not set: Istio then balances over every zone");
  });

  it("takes enabled: false as localityLoadBalancing: false", () => {
    const [rule] = importTrafficConfig([httpbinWith("    loadBalancer:\n      localityLbSetting: { enabled: false }\n")], SERVICES).rules;
    expect(rule.localityLoadBalancing).toBe(false);
  });

  it("lists distribute and failover as ignored, naming why", () => {
    const policy = "    loadBalancer:\n      localityLbSetting:\n        distribute: [{ from: 'us-east1/*', to: { 'us-east1/*': 80, 'us-west1/*': 20 } }]\n        failover: [{ from: us-east1, to: us-west1 }]\n    outlierDetection: { consecutive5xxErrors: 3 }\n";
    const [rule] = importTrafficConfig([httpbinWith(policy)], SERVICES).rules;
    expect(rule.localityLoadBalancing).toBe(true);
    expect(rule.ignored).toEqual([
      expect.stringMatching(/^spec\.trafficPolicy\.loadBalancer\.localityLbSetting\.distribute \(weights across localities/),
      expect.stringMatching(/^spec\.trafficPolicy\.loadBalancer\.localityLbSetting\.failover \(failover between regions/),
    ]);
  });
});
