import { describe, expect, it } from "vitest";
import { renderSweepTable } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";

describe("renderSweepTable", () => {
  it("renderSweepTable(document) lists every point against the SLO, then each mesh's highest load within it", () => {
    const text = renderSweepTable(reportDocument());
    expect(text).toMatchSnapshot();
    expect(text).toContain("highest load within the SLO p99<40ms");
    expect(text).toMatch(/│ istio +│ 300 │.*│ +misses │/);
  });

  it("lists the overloaded points and the --set values", () => {
    const document = reportDocument();
    document.runs = document.runs.map((run) => ({ ...run, parameters: { "services.1.replicas": 2 } }));
    document.sweep!.capacity = document.sweep!.capacity!.map((entry) => ({ ...entry, parameters: { "services.1.replicas": 2 } }));
    document.sweep!.overloaded = [{ mesh: "istio", rps: 400, parameters: { "services.1.replicas": 2 }, reason: "overloaded" }];
    const text = renderSweepTable(document);
    expect(text).toContain("services.1.replicas=2");
    expect(text).toContain("istio (services.1.replicas=2) @ 400 rps");
  });

  it("says which --set values a warning belongs to", () => {
    const document = reportDocument();
    document.runs = document.runs.map((run, i) => ({ ...run, parameters: { "services.1.replicas": i % 2 === 0 ? 1 : 2 }, warnings: ["something to know"] }));
    const text = renderSweepTable(document);
    expect(text).toMatch(/ \(services\.1\.replicas=1\) @ \d+ rps: something to know/);
    expect(text).toMatch(/ \(services\.1\.replicas=2\) @ \d+ rps: something to know/);
  });

  it("regression: names a closed loop's warnings by its users, not @ 0 rps", () => {
    const document = reportDocument();
    document.runs = document.runs.slice(0, 1).map((run) => ({ ...run, rps: 0, users: 8, parameters: { "load.connections": 8 }, warnings: ["something to know"] }));
    document.sweep = { ...document.sweep!, rates: [], slo: undefined, capacity: undefined, overloaded: [] };
    const text = renderSweepTable(document);
    expect(text).toContain(`${document.runs[0].mesh} (load.connections=8) @ 8 users: something to know`);
    expect(text).not.toContain("@ 0 rps");
  });
});
