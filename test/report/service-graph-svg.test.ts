import { describe, expect, it } from "vitest";
import { renderServiceGraphSvg } from "../../src/report/service-graph-svg.js";
import type { ServiceGraph } from "../../src/runner/index.js";

const GRAPH: ServiceGraph = {
  unmeshed: ["legacy"],
  edges: [
    { from: "load-generator", to: "web", requestsPerSec: 100, encrypted: true, failing: false },
    { from: "web", to: "api", requestsPerSec: 50, encrypted: true, failing: true },
    { from: "web", to: "legacy", requestsPerSec: 25, encrypted: false, failing: false },
  ],
};

describe("renderServiceGraphSvg", () => {
  it("renderServiceGraphSvg() draws every service once and every call with its rate", () => {
    const svg = renderServiceGraphSvg(GRAPH, "istio @ 100 rps");
    for (const name of ["load-generator", "web", "api", "legacy"]) expect(svg.match(new RegExp(`>${name}</text>`, "g"))).toHaveLength(1);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).toContain(">mTLS, 100 rps</text>");
    expect(svg).toContain(">mTLS, 50 rps</text>");
    expect(svg).toContain(">25 rps</text>");
  });

  it("renderServiceGraphSvg() colours calls to a failing service, dashes plaintext calls and greys unmeshed services", () => {
    const svg = renderServiceGraphSvg(GRAPH, "t");
    const lineTo = (to: string) => svg.split("<polyline ").find((part) => part.includes(`-&gt; ${to}:`))!;
    expect(lineTo("api")).toContain('stroke="#c62828"');
    expect(lineTo("api")).not.toContain("stroke-dasharray");
    expect(lineTo("legacy")).toContain("stroke-dasharray");
    expect(lineTo("web")).toContain('stroke="#4a7f3a"');
    const box = (name: string) => svg.split("<g>").find((part) => part.includes(`>${name}</text>`))!;
    expect(box("legacy")).toContain('fill="#f2f2f2"');
    expect(box("web")).toContain('fill="#e8f1fb"');
  });

  it("renderServiceGraphSvg() lays callers left of their callees and gives the same bytes for the same graph", () => {
    const svg = renderServiceGraphSvg(GRAPH, "t");
    const xOf = (name: string) => Number(new RegExp(`<text x="([0-9.]+)"[^>]*>${name}</text>`).exec(svg)![1]);
    expect(xOf("load-generator")).toBeLessThan(xOf("web"));
    expect(xOf("web")).toBeLessThan(xOf("api"));
    expect(renderServiceGraphSvg(GRAPH, "t")).toBe(svg);
  });
});
