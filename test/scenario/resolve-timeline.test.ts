import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/index.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

function document(timeline: unknown[]): Record<string, unknown> {
  return {
    name: "shop",
    services: [
      { name: "web", serviceTime: { type: "exponential", meanMs: 1 } },
      { name: "api", replicas: 3, serviceTime: { type: "exponential", meanMs: 1 } },
      { name: "api-v2", serviceTime: { type: "exponential", meanMs: 1 } },
      { name: "saas", external: true, serviceTime: { type: "constant", valueMs: 5 } },
    ],
    requestTypes: [{ name: "get", entry: "web", calls: [{ call: "backend" }] }],
    traffic: [{ host: "backend", routes: [{ backends: [{ service: "api", weight: 90 }, { service: "api-v2", weight: 10 }] }] }],
    load: { type: "open", ratePerSec: 10 },
    timeline,
  };
}

const parse = (timeline: unknown[]) => parseScenario("shop.yaml", document(timeline), "0".repeat(64));

describe("timeline", () => {
  it("resolves each kind of event with its defaults, in time order", () => {
    const { timeline } = parse([
      { atS: "1m", restart: { service: "api" } },
      { atS: 30, weights: { host: "backend", backends: { api: 50, "api-v2": 50 } } },
      { atS: 40, outage: { service: "api", durationS: "5s", replicas: 1 } },
      { atS: 30, rotateCertificates: true },
    ]);
    expect(timeline).toEqual([
      { atS: 30, kind: "weights", host: "backend", weights: { api: 50, "api-v2": 50 } },
      { atS: 30, kind: "rotate-certificates" },
      { atS: 40, kind: "outage", service: "api", replicas: [0], durationS: 5 },
      { atS: 60, kind: "restart", service: "api", replicas: [0, 1, 2], downS: 10 },
    ]);
  });

  it("resolves a rollout, a node down and a zone down with Kubernetes' defaults", () => {
    const zoned = { ...document([]), cluster: { zones: ["zone-a", "zone-b"], nodes: 4 } };
    const { timeline } = parseScenario(
      "shop.yaml",
      {
        ...zoned,
        timeline: [
          { atS: 5, rollout: { service: "api" } },
          { atS: 6, rollout: { service: "api", maxSurge: 1, maxUnavailable: 0, podStartupS: 2 } },
          { atS: 7, nodeDown: { node: 3, tolerationSeconds: 30 } },
          { atS: 8, zoneDown: { zone: "zone-b" } },
        ],
      },
      "0".repeat(64),
    );
    expect(timeline).toEqual([
      { atS: 5, kind: "rollout", service: "api", maxSurge: "25%", maxUnavailable: "25%", podStartupS: 5 },
      { atS: 6, kind: "rollout", service: "api", maxSurge: 1, maxUnavailable: 0, podStartupS: 2 },
      { atS: 7, kind: "node-down", nodes: [3], tolerationSeconds: 30 },
      { atS: 8, kind: "node-down", nodes: [1, 3], zone: "zone-b", tolerationSeconds: 300 },
    ]);
  });

  it("refuses a zone that cluster.zones does not name, with a suggestion", () => {
    const zoned = { ...document([{ atS: 1, zoneDown: { zone: "zone-c" } }]), cluster: { zones: ["zone-a", "zone-b"], nodes: 2 } };
    expect(() => parseScenario("shop.yaml", zoned, "0".repeat(64))).toThrow("timeline[0].zoneDown.zone names unknown zone zone-c, did you mean zone-a?");
  });

  it("clusterDown takes every node of the cluster down, and refuses a cluster clusters does not name", () => {
    const base = document([]);
    const { cluster: _cluster, ...rest } = base as Record<string, unknown>;
    const twoClusters = {
      ...rest,
      clusters: [
        { name: "east", region: "us-east-1", zones: 2, nodes: 4 },
        { name: "west", region: "us-west-2", nodes: 2 },
      ],
    };
    const { timeline } = parseScenario("shop.yaml", { ...twoClusters, timeline: [{ atS: 3, clusterDown: { cluster: "west", tolerationSeconds: 60 } }] }, "0".repeat(64));
    expect(timeline).toEqual([{ atS: 3, kind: "node-down", nodes: [4, 5], cluster: "west", tolerationSeconds: 60 }]);
    expect(() => parseScenario("shop.yaml", { ...twoClusters, timeline: [{ atS: 3, clusterDown: { cluster: "wset" } }] }, "0".repeat(64))).toThrow(
      "timeline[0].clusterDown.cluster names unknown cluster wset, did you mean west?",
    );
  });

  it("regression: a rollout's maxSurge may pass 100%, as the Kubernetes API allows, where it was refused as not a percentage", () => {
    const [event] = parse([{ atS: 1, rollout: { service: "api", maxSurge: "150%", maxUnavailable: 0 } }]).timeline!;
    expect(event).toMatchObject({ kind: "rollout", maxSurge: "150%", maxUnavailable: 0 });
  });

  it("is absent from a scenario without one", () => {
    expect(parseScenario("shop.yaml", { ...document([]), timeline: undefined }, "0".repeat(64))).not.toHaveProperty("timeline");
  });

  it.each([
    [[{ atS: 1, outage: { service: "apl", durationS: 1 } }], "timeline[0].outage.service names unknown service apl, did you mean api?"],
    [[{ atS: 1, restart: { service: "api", replicas: 4 } }], "timeline[0].restart.replicas must be at most api's replicas (3), got 4"],
    [[{ atS: 1, restart: { service: "saas" } }], "timeline[0].restart.service names saas, which is outside the cluster"],
    [[{ atS: 1, weights: { host: "web", backends: { web: 1 } } }], "timeline[0].weights.host names web, which has no traffic rule to change"],
    [[{ atS: 1, weights: { host: "backend", backends: { api: 1 } } }], "timeline[0].weights.backends must give every backend of backend's rule a weight; api-v2 has none"],
    [[{ atS: 1, weights: { host: "backend", backends: { api: 1, "api-v2": 1, web: 1 } } }], "timeline[0].weights.backends.web is not a backend of backend's rule"],
    [[{ atS: 1, weights: { host: "backend", backends: { api: 0, "api-v2": 0 } } }], "leave route 0 of backend's rule with no weight"],
    [[{ atS: -1, rotateCertificates: true }], "timeline[0].atS"],
    [[{ atS: 1, outage: { service: "api" } }], "timeline[0].outage"],
    [[{ atS: 1, reboot: { service: "api" } }], "timeline[0]"],
    [[{ atS: 1, rollout: { service: "saas" } }], "timeline[0].rollout.service names saas, which is outside the cluster"],
    [[{ atS: 1, rollout: { service: "api", maxSurge: "30 %" } }], 'timeline[0].rollout.maxSurge must be a whole number of pods or a percentage such as 25%, got "30 %"'],
    [[{ atS: 1, rollout: { service: "api", maxUnavailable: 1.5 } }], "timeline[0].rollout.maxUnavailable must be a whole number of pods or a percentage such as 25%, got 1.5"],
    [[{ atS: 1, rollout: { service: "ap" } }], "timeline[0].rollout.service names unknown service ap, did you mean api?"],
    [[{ atS: 1, rollout: { service: "api", maxSurge: 0, maxUnavailable: "0%" } }], "timeline[0].rollout.maxUnavailable may not be 0 when maxSurge is 0, as the Kubernetes API says"],
    [[{ atS: 1, rollout: { service: "api", maxUnavailable: "150%" } }], 'timeline[0].rollout.maxUnavailable must not be greater than 100%, got "150%"'],
    [[{ atS: 1, nodeDown: { node: 99 } }], "timeline[0].nodeDown.node must be a node index below cluster.nodes ("],
    [[{ atS: 1, zoneDown: { zone: "zone-a" } }], "timeline[0].zoneDown.zone needs cluster.zones: the cluster has no zones"],
    [[{ atS: 1, clusterDown: { cluster: "east" } }], "timeline[0].clusterDown.cluster needs clusters: the scenario declares one cluster"],
  ])("%j is refused naming the field", (timeline, message) => {
    expect(scenarioErrorOf(() => parse(timeline)).message).toContain(message);
  });
});
