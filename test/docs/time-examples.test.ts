// The README's timeline examples load, and hold the events their text describes.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/index.js";

const ROOT = join(import.meta.dirname, "../..");

describe("examples/time", () => {
  it("rollout.yaml rolls the catalogue's 8 pods out at 10 s with the Deployment defaults", () => {
    const scenario = loadScenario(join(ROOT, "examples/time/rollout.yaml"));
    expect(scenario.topology.services.find((service) => service.name === "catalogue")?.replicas).toBe(8);
    expect(scenario.timeline).toEqual([{ atS: 10, kind: "rollout", service: "catalogue", maxSurge: "25%", maxUnavailable: "25%", podStartupS: 5 }]);
  });

  it("zone-down.yaml loses zone-b's nodes at 10 s", () => {
    const scenario = loadScenario(join(ROOT, "examples/time/zone-down.yaml"));
    expect(scenario.timeline).toEqual([{ atS: 10, kind: "node-down", nodes: [1, 3], zone: "zone-b", tolerationSeconds: 300 }]);
  });
});
