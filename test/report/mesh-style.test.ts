import { describe, expect, it } from "vitest";
import { meshColorScale, meshLabel } from "../../src/report/index.js";

describe("mesh-style", () => {
  it.each([
    ["none", "no mesh"],
    ["istio-ambient", "Istio ambient"],
    ["linkerd2", "Linkerd 2"],
    ["my-mesh", "my-mesh"],
  ])("meshLabel(%s) is %s", (id, label) => {
    expect(meshLabel(id)).toBe(label);
  });

  it("meshColorScale gives each mesh a distinct colour, built-ins always the same one", () => {
    const scale = meshColorScale(["none", "istio", "my-mesh", "other-mesh", "istio"]);
    expect(scale.domain).toEqual(["no mesh", "Istio", "my-mesh", "other-mesh"]);
    expect(new Set(scale.range).size).toBe(4);
    expect(meshColorScale(["linkerd2", "istio"]).range[1]).toBe(scale.range[1]);
  });
});
