import { describe, expect, it } from "vitest";
import { controlPlaneMemoryMb, unscopedLoad, type ControlPlaneCost, type ControlPlaneLoad } from "../../../src/mesh/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const LINEAR: ControlPlaneCost = { components: "test", baseVcpu: 0, vcpuPer1000Rps: 0, baseMemoryMb: 400, memoryPerProxyMb: 1, memoryPerServiceMb: 0.5 };
const CROSS: ControlPlaneCost = { ...LINEAR, memoryPerProxyPerServiceKb: 1, memoryPerProxyPerEndpointKb: 0.5 };

/** 2 sidecars of 1000 services, each scoped (a Sidecar resource) to 10 services and 20 endpoints. */
const SCOPED: ControlPlaneLoad = { proxies: 2, services: 1000, proxyServices: 2 * 10, proxyEndpoints: 2 * 20 };

describe("controlPlaneMemoryMb", () => {
  it("controlPlaneMemoryMb(no cross terms) is base + per proxy + per service", () => {
    expect(controlPlaneMemoryMb(LINEAR, unscopedLoad(2, 1000, 1000, 2))).toBe(400 + 2 + 500);
  });

  it("controlPlaneMemoryMb(2 sidecars x 1000 services) charges each sidecar for every service and endpoint it knows", () => {
    expect(controlPlaneMemoryMb(CROSS, unscopedLoad(2, 1000, 1000, 2))).toBeCloseTo(400 + 2 + 500 + (2 * 1000 * 1 + 2 * 2 * 0.5) / 1024, 9);
  });

  it("controlPlaneMemoryMb(2 sidecars x 1000 services, scoped) charges only what each sidecar is configured for", () => {
    const unscoped = controlPlaneMemoryMb(CROSS, unscopedLoad(2, 1000, 1000, 2));
    const scoped = controlPlaneMemoryMb(CROSS, SCOPED);
    expect(scoped).toBeCloseTo(400 + 2 + 500 + (2 * 10 * 1 + 2 * 20 * 0.5) / 1024, 9);
    expect(unscoped - scoped).toBeCloseTo((2 * (1000 - 10) * 1 + (2 * 2 - 2 * 20) * 0.5) / 1024, 9);
  });

  it("controlPlaneMemoryMb(scoped or not) is the same without cross terms", () => {
    expect(controlPlaneMemoryMb(LINEAR, SCOPED)).toBe(controlPlaneMemoryMb(LINEAR, unscopedLoad(2, 1000, 1000, 2)));
  });

  it("controlPlaneMemoryMb grows with proxies x endpoints, not with either alone", () => {
    const endpointsOnly: ControlPlaneCost = { ...LINEAR, memoryPerProxyMb: 0, memoryPerServiceMb: 0, memoryPerProxyPerEndpointKb: 1 };
    const at = (pods: number) => controlPlaneMemoryMb(endpointsOnly, unscopedLoad(pods, 1, 1, pods)) - 400;
    expect(at(2000) / at(1000)).toBeCloseTo(4, 9);
  });
});

describe("unscopedLoad", () => {
  it("unscopedLoad(4 proxies, 3 services, 5 known, 4 endpoints) configures each proxy for all of them", () => {
    expect(unscopedLoad(4, 3, 5, 4)).toEqual({ proxies: 4, services: 3, proxyServices: 20, proxyEndpoints: 16 });
  });

  it("istio's istiod at IS13's 20,000 sidecars of 1,000 services (20 pods each): 40.4 GB unscoped, 16.7 GB with each sidecar scoped to 5 services (the README's figures)", () => {
    const istiod = loadMeshProfile("istio").controlPlane!;
    const gb = (load: ControlPlaneLoad) => Math.round((controlPlaneMemoryMb(istiod, load) / 1024) * 10) / 10;
    expect(gb(unscopedLoad(20_000, 1000, 1000, 20_000))).toBe(40.4);
    expect(gb({ proxies: 20_000, services: 1000, proxyServices: 20_000 * 5, proxyEndpoints: 20_000 * 5 * 20 })).toBe(16.7);
  });
});

