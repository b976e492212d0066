import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, parse, type Color } from "culori";
import { describe, expect, it } from "vitest";
import { meshColorScale, meshDashScale, meshLabel, meshShapeScale } from "../../src/report/index.js";
import { meshIds } from "../../src/scenario/index.js";

const difference = differenceCiede2000();
/** Normal vision and full dichromacy of each kind (Machado, Oliveira and Fernandes 2009). */
const VISION: Record<string, (color: Color) => Color> = {
  normal: (color) => color,
  deuteranopia: filterDeficiencyDeuter(1),
  protanopia: filterDeficiencyProt(1),
  tritanopia: filterDeficiencyTrit(1),
};

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

  it.each(Object.keys(VISION))("every two built-in meshes stay at least 11 apart in CIEDE2000 under %s, and 25 from the white page", (vision) => {
    const simulate = VISION[vision];
    const { domain, range } = meshColorScale(meshIds());
    const colors = range.map((hex) => simulate(parse(hex)!));
    for (let i = 0; i < colors.length; i++) {
      expect(difference(colors[i], simulate(parse("#ffffff")!)), domain[i]).toBeGreaterThanOrEqual(25);
      for (let j = i + 1; j < colors.length; j++) expect(difference(colors[i], colors[j]), `${domain[i]} / ${domain[j]}`).toBeGreaterThanOrEqual(11);
    }
  });

  it("regression: Linkerd 1 and 2 are not two near-identical greens, and Consul and Linkerd 2 differ under deuteranopia", () => {
    const color = (id: string) => parse(meshColorScale([id]).range[0])!;
    expect(difference(color("linkerd1"), color("linkerd2"))).toBeGreaterThan(20);
    expect(difference(VISION.deuteranopia(color("consul")), VISION.deuteranopia(color("linkerd2")))).toBeGreaterThan(20);
  });

  it("every mesh has a dash and a marker of its own", () => {
    const ids = [...meshIds(), "my-mesh"];
    expect(new Set(meshDashScale(ids).range.map((dash) => dash.join(","))).size).toBe(ids.length);
    expect(new Set(meshShapeScale(ids).range).size).toBe(ids.length);
    expect(meshShapeScale(ids).domain).toEqual(meshColorScale(ids).domain);
  });
});
