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
});
