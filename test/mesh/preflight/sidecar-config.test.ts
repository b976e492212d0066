import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { sidecarConfigs } from "../../../src/mesh/preflight/sidecar-config.js";

const TIME = { type: "constant", valueMs: 1 };

/**
 * web (2 pods) calls cart (3 pods) through a split host "checkout" of cart and cart-v2 (1 pod),
 * and an external payments API; cart calls an unmeshed db (2 pods). The load generator calls web.
 */
const TOPOLOGY = parseScenario(
  "scope.yaml",
  {
    name: "scope",
    cluster: { nodes: 2 },
    services: [
      { name: "web", replicas: 2, serviceTime: TIME },
      { name: "cart", replicas: 3, serviceTime: TIME },
      { name: "cart-v2", serviceTime: TIME },
      { name: "db", replicas: 2, meshed: false, serviceTime: TIME },
      { name: "payments", external: true, serviceTime: TIME },
    ],
    traffic: [{ host: "checkout", routes: [{ backends: [{ service: "cart", weight: 90 }, { service: "cart-v2", weight: 10 }] }] }],
    requestTypes: [{ name: "buy", entry: "web", calls: [{ call: "checkout", calls: [{ call: "db" }] }, { call: "payments" }] }],
    load: { type: "open", ratePerSec: 10 },
  },
  "",
).topology;

describe("sidecarConfigs", () => {
  it("sidecarConfigs(mesh) configures every sidecar for every service and every meshed endpoint", () => {
    const configs = sidecarConfigs(TOPOLOGY, "mesh", 7);
    expect(configs.byService.get("web")).toEqual({ services: 5, endpoints: 7 });
    expect(configs.byService.get("db")).toEqual({ services: 5, endpoints: 7 });
    expect(configs.client).toEqual({ services: 5, endpoints: 7 });
  });

  it("sidecarConfigs(callees) configures each sidecar for the services its workload calls, a host as its backends, and their meshed pods", () => {
    const configs = sidecarConfigs(TOPOLOGY, "callees", 7);
    // web: cart, cart-v2 (the host's backends) and payments (external: a service, no meshed endpoint).
    expect(configs.byService.get("web")).toEqual({ services: 3, endpoints: 3 + 1 });
    // Both backends call the unmeshed db: a service, but no meshed endpoint.
    expect(configs.byService.get("cart")).toEqual({ services: 1, endpoints: 0 });
    expect(configs.byService.get("cart-v2")).toEqual({ services: 1, endpoints: 0 });
    expect(configs.byService.get("db")).toEqual({ services: 0, endpoints: 0 });
    expect(configs.client).toEqual({ services: 1, endpoints: 2 });
  });
});
