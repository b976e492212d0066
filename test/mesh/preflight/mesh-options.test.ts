import { describe, expect, it } from "vitest";
import { proxyScopeWarning, runProxyScope } from "../../../src/mesh/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

describe("runProxyScope", () => {
  it("runProxyScope narrows a scopable mesh's sidecars to their callees only when asked", () => {
    const istio = loadMeshProfile("istio");
    expect(runProxyScope(istio, undefined)).toBe("mesh");
    expect(runProxyScope(istio, "mesh")).toBe("mesh");
    expect(runProxyScope(istio, "callees")).toBe("callees");
  });

  it("runProxyScope keeps linkerd2's sidecars on their callees whatever is asked", () => {
    const linkerd2 = loadMeshProfile("linkerd2");
    expect(runProxyScope(linkerd2, undefined)).toBe("callees");
    expect(runProxyScope(linkerd2, "mesh")).toBe("callees");
  });

  it("runProxyScope gives mesh for meshes without sidecars", () => {
    for (const id of ["cilium", "istio-ambient", "linkerd1", "traefik-mesh", "none"]) expect(runProxyScope(loadMeshProfile(id), "callees")).toBe("mesh");
  });
});

describe("proxyScopeWarning", () => {
  it("proxyScopeWarning says why callees did not apply, and nothing where it did or was not asked", () => {
    expect(proxyScopeWarning(loadMeshProfile("istio"), "callees")).toBeUndefined();
    expect(proxyScopeWarning(loadMeshProfile("linkerd2"), "callees")).toBeUndefined();
    expect(proxyScopeWarning(loadMeshProfile("none"), "callees")).toBeUndefined();
    expect(proxyScopeWarning(loadMeshProfile("cilium"), undefined)).toBeUndefined();
    expect(proxyScopeWarning(loadMeshProfile("cilium"), "callees")).toMatch(/^mesh\.proxyScope: callees does not apply to cilium: it has no sidecars/);
  });

  it("proxyScopeWarning names a sidecar mesh whose profile cannot be scoped", () => {
    const fixed = { ...loadMeshProfile("istio"), id: "fixed" };
    fixed.dataPlane = { ...fixed.dataPlane, proxyScope: { default: "mesh", scopable: false } };
    expect(proxyScopeWarning(fixed, "callees")).toBe(
      "mesh.proxyScope: callees: fixed's sidecars cannot be scoped (models/fixed.yaml dataPlane.proxyScope), so each is configured for every service of the mesh",
    );
  });
});
