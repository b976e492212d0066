import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "../../src/import/index.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

const exp = { type: "exponential", meanMs: 1 };

function document(traffic: object[], extra: { services?: object[]; headers?: Record<string, string> } = {}) {
  return {
    name: "t",
    services: extra.services ?? [
      { name: "front", serviceTime: exp },
      { name: "back-v1", serviceTime: exp },
      { name: "back-v2", serviceTime: exp },
      { name: "db", kind: "db", serviceTime: exp },
    ],
    requestTypes: [{ name: "r", entry: "front", calls: [{ call: "back" }], ...(extra.headers ? { headers: extra.headers } : {}) }],
    traffic,
    load: { type: "open", ratePerSec: 10 },
  };
}

const split = { host: "back", routes: [{ backends: [{ service: "back-v1", weight: 90 }, { service: "back-v2", weight: 10 }] }] };

describe("resolveTraffic (through parseScenario)", () => {
  it("lets calls name a rule's virtual host and applies defaults", () => {
    const rule = { host: "back", routes: [{ backends: [{ service: "back-v1" }], retries: { attempts: 2 } }], outlierDetection: {} };
    const { topology } = parseScenario("s.yaml", document([rule]), "");
    expect(topology.requestTypes[0].root.calls[0]).toMatchObject({ kind: "call", service: "back" });
    expect(topology.traffic![0].routes[0]).toEqual({ backends: [{ service: "back-v1", weight: 1 }], retries: { attempts: 2, retryOn: ["5xx"], backoffMs: 25 } });
    expect(topology.traffic![0].outlierDetection).toEqual({ consecutive5xx: 5, intervalMs: 10000, baseEjectionMs: 30000, maxEjectionPercent: 10 });
    expect(topology.traffic![0].source).toBe("traffic[0]");
  });

  it("keeps header names lower-case on both sides", () => {
    const rule = { host: "back", routes: [{ match: { headers: { "X-Canary": "1" } }, backends: [{ service: "back-v2" }] }, { backends: [{ service: "back-v1" }] }] };
    const { topology } = parseScenario("s.yaml", document([rule], { headers: { "x-CANARY": "1" } }), "");
    expect(topology.traffic![0].routes[0].match).toEqual({ headers: { "x-canary": "1" } });
    expect(topology.requestTypes[0].headers).toEqual({ "x-canary": "1" });
  });

  it.each([
    ["an unknown backend", [{ host: "back", routes: [{ backends: [{ service: "back-v3" }] }] }], "s.yaml: traffic[0].routes[0].backends[0].service names unknown service back-v3 (did you mean back-v1?)"],
    ["two rules for one host", [split, split], "s.yaml: traffic[1].host back already has a rule (traffic[0]); one rule per host"],
    [
      "a backend listed twice in one route",
      [{ host: "back", routes: [{ match: { headers: { "x-canary": "1" } }, backends: [{ service: "back-v2" }] }, { backends: [{ service: "back-v1", weight: 90 }, { service: "back-v2", weight: 5 }, { service: "back-v1", weight: 5 }] }] }],
      "s.yaml: traffic[0].routes[1].backends[2].service names back-v1 again (backends[0]); list each backend once, with its whole weight",
    ],
    ["weights adding up to 0", [{ host: "back", routes: [{ backends: [{ service: "back-v1", weight: 0 }] }] }], "s.yaml: traffic[0].routes[0].backends weights add up to 0; at least one backend needs a positive weight"],
    [
      "a per-try timeout longer than the call's",
      [{ host: "back", routes: [{ backends: [{ service: "back-v1" }], timeoutMs: 100, retries: { attempts: 1, perTryTimeoutMs: 200 } }] }],
      "s.yaml: traffic[0].routes[0].retries.perTryTimeoutMs 200 ms is longer than the route's timeoutMs 100",
    ],
    [
      "retries on a TCP host",
      [split, { host: "db", routes: [{ backends: [{ service: "db" }], retries: { attempts: 1 } }] }],
      "s.yaml: traffic[1].routes[0].retries needs HTTP or gRPC, but db speaks TCP (kind db, cache, queue or protocol tcp)",
    ],
    [
      "backends with different protocols",
      [{ host: "back", routes: [{ backends: [{ service: "back-v1" }, { service: "db" }] }] }],
      "s.yaml: traffic[0].routes backends of back speak different protocols (http1, tcp); a host's backends must share one",
    ],
  ])("refuses %s with one line naming the field", (_name, traffic, message) => {
    expect(scenarioErrorOf(() => parseScenario("s.yaml", document(traffic), "")).message).toBe(message);
  });

  it("refuses a call to a name that is neither a service nor a host", () => {
    expect(scenarioErrorOf(() => parseScenario("s.yaml", document([]), "")).message).toBe("s.yaml: requestTypes[0].calls[0].call names unknown service back");
  });

  it("checks failure sources against the service's replicas", () => {
    const services = [{ name: "front", serviceTime: exp, replicas: 2, failures: { slowReplicas: [{ replica: 2, factor: 3 }] } }, { name: "back", serviceTime: exp }];
    expect(scenarioErrorOf(() => parseScenario("s.yaml", document([], { services }), "")).message).toBe("s.yaml: services[0].failures.slowReplicas[0].replica must be below replicas (2), got 2");
    const outage = [{ name: "front", serviceTime: exp, failures: { outages: [{ replica: 0, startS: 5, endS: 5 }] } }, { name: "back", serviceTime: exp }];
    expect(scenarioErrorOf(() => parseScenario("s.yaml", document([], { services: outage }), "")).message).toBe("s.yaml: services[0].failures.outages[0].endS must be after startS (5), got 5");
  });

  it("imports the example's Istio manifests through trafficConfig, hashing them", () => {
    const scenario = loadScenario("examples/traffic/bookinfo-canary.yaml");
    const rule = scenario.topology.traffic![0];
    expect(rule.host).toBe("reviews");
    expect(rule.routes[0].backends).toEqual([{ service: "reviews-v1", weight: 90 }, { service: "reviews-v3", weight: 10 }]);
    expect(rule.routes[0].timeoutMs).toBe(2000);
    expect(rule.routes[0].retries).toMatchObject({ attempts: 2, perTryTimeoutMs: 500 });
    expect(scenario.imports).toEqual([{ file: "examples/traffic/reviews-canary.yaml", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });
});

describe("the canary example in Kuma's policies", () => {
  it("gives the rule the Istio resources of bookinfo-canary.yaml give: same routes, timeout, retries and outlier detection", () => {
    const kuma = loadScenario("examples/traffic/bookinfo-canary-kuma.yaml").topology.traffic!;
    const istio = loadScenario("examples/traffic/bookinfo-canary.yaml").topology.traffic!;
    expect(kuma.map((rule) => rule.host)).toEqual(["reviews"]);
    const effect = (rule: (typeof kuma)[number]) => ({ routes: rule.routes, outlierDetection: rule.outlierDetection, circuitBreaker: rule.circuitBreaker, loadBalancer: rule.loadBalancer });
    expect(effect(kuma[0])).toEqual(effect(istio[0]));
    expect(kuma[0].routes[0].backends).toEqual([{ service: "reviews-v1", weight: 90 }, { service: "reviews-v3", weight: 10 }]);
  });
});

describe("uncalledRuleNotices (through parseScenario)", () => {
  const notices = (traffic: object[], calls: object[] = [{ call: "back" }]) => {
    const raw = { ...document(traffic), requestTypes: [{ name: "r", entry: "front", calls }], cluster: { machineType: "e2-standard-2" } };
    return parseScenario("s.yaml", raw, "").notices ?? [];
  };

  it("regression: a rule whose host no call names (a typo, or a backend's name) is noted, where it applied to nothing silently", () => {
    const typo = { ...split, host: "bak" };
    expect(notices([typo], [{ call: "back-v1" }])).toEqual(["traffic[0]: no request type calls bak, so this rule applies to no call"]);
  });

  it("notes the first 10 such rules one by one and counts the rest in one note", () => {
    const typos = Array.from({ length: 13 }, (_, i) => ({ ...split, host: `bak-${i}` }));
    const noted = notices(typos, [{ call: "back-v1" }]);
    expect(noted).toHaveLength(11);
    expect(noted[9]).toBe("traffic[9]: no request type calls bak-9, so this rule applies to no call");
    expect(noted[10]).toBe("3 more rules (traffic[10] and after) have hosts no request type calls, so they apply to no call");
  });

  it("notes nothing when every rule's host is called, as an entry or at any depth of a call tree", () => {
    const nested = [{ sequence: [{ call: "back-v1", calls: [{ parallel: [{ call: "back" }] }] }] }];
    expect(notices([split], nested)).toEqual([]);
    expect(notices([{ host: "front", routes: [{ backends: [{ service: "front" }] }] }], [])).toEqual([]);
  });
});
