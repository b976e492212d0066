import { describe, expect, it } from "vitest";
import { checkTrafficSupport, UnsupportedSettingError } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { loadMeshProfile, meshIds } from "../../../src/scenario/index.js";

const exp = { type: "exponential", meanMs: 1 };
const every = meshIds().map((id) => loadMeshProfile(id));

function topologyWith(rule: object) {
  return parseScenario(
    "s.yaml",
    {
      name: "t",
      services: [{ name: "front", serviceTime: exp }, { name: "back", serviceTime: exp }, { name: "back-v2", serviceTime: exp }],
      requestTypes: [{ name: "r", entry: "front", calls: [{ call: "back" }] }],
      traffic: [rule],
      load: { type: "open", ratePerSec: 10 },
    },
    "",
  ).topology;
}

function errorOf(meshId: string, rule: object): string | undefined {
  try {
    checkTrafficSupport(loadMeshProfile(meshId), topologyWith(rule), every);
    return undefined;
  } catch (error) {
    if (error instanceof UnsupportedSettingError) return error.message;
    throw error;
  }
}

const headerRoute = {
  host: "back",
  routes: [{ match: { headers: { "x-canary": "1" } }, backends: [{ service: "back-v2" }] }, { backends: [{ service: "back" }] }],
};

describe("checkTrafficSupport", () => {
  it("refuses header routing under Kuma (SOURCES.md section 2), naming the meshes that can", () => {
    const message = errorOf("kuma", headerRoute)!;
    expect(message).toMatch(/^mesh kuma cannot express header-based routing \(routes\[\]\.match\.headers\): traffic\[0\] uses it at routes\[0\]\.match \(host back\); meshes that can: /);
    expect(message).toContain("istio");
    expect(message).not.toContain("traefik-mesh");
  });

  it("accepts it under Istio, and under no mesh (the baseline applies no rule)", () => {
    expect(errorOf("istio", headerRoute)).toBeUndefined();
    expect(errorOf("none", headerRoute)).toBeUndefined();
  });

  it("refuses delay injection under Linkerd 2 (no delay faults)", () => {
    const delay = { host: "back", routes: [{ backends: [{ service: "back" }], fault: { delay: { percent: 10, fixedDelayMs: 100 } } }] };
    expect(errorOf("linkerd2", delay)).toMatch(/^mesh linkerd2 cannot express fault injection: delays/);
  });

  it("refuses a load balancer the mesh does not offer", () => {
    const rule = { host: "back", routes: [{ backends: [{ service: "back" }] }], loadBalancer: "least-request" };
    expect(errorOf("linkerd2", rule)).toBe("mesh linkerd2 cannot express the least-request load balancer: traffic[0] asks for it (host back); linkerd2 offers ewma");
  });

  it("names a mesh as able when the scenario's overrides make it so", () => {
    const kumaWithHeaders = loadMeshProfile("kuma", { file: "s.yaml", values: { traffic: { supports: { headerRouting: true } } } });
    const others = every.map((profile) => (profile.id === "kuma" ? kumaWithHeaders : profile));
    expect(() => checkTrafficSupport(kumaWithHeaders, topologyWith(headerRoute), others)).not.toThrow();
    try {
      checkTrafficSupport(loadMeshProfile("traefik-mesh"), topologyWith(headerRoute), others);
    } catch (error) {
      expect((error as Error).message).toContain("kuma");
      return;
    }
    throw new Error("traefik-mesh should refuse header routing");
  });
});

describe("checkTrafficSupport: locality-aware load balancing", () => {
  const rule = { host: "back", routes: [{ backends: [{ service: "back", weight: 1 }] }], localityLoadBalancing: true };

  it.each(["linkerd2", "consul", "cilium", "osm", "traefik-mesh", "linkerd1"])("checkTrafficSupport(%s, localityLoadBalancing: true) refuses it, naming the meshes that can", (id) => {
    const message = errorOf(id, rule);
    expect(message).toContain("locality-aware load balancing");
    expect(message).toContain("localityLoadBalancing (host back)");
    expect(message).toContain("meshes that can: istio, istio-ambient, kuma");
  });

  it.each(["istio", "kuma"])("checkTrafficSupport(%s, localityLoadBalancing: true) accepts it", (id) => {
    expect(errorOf(id, rule)).toBeUndefined();
  });

  it("checkTrafficSupport(linkerd2, localityLoadBalancing: false) accepts it: turning off what it has none of", () => {
    expect(errorOf("linkerd2", { ...rule, localityLoadBalancing: false })).toBeUndefined();
  });
});
