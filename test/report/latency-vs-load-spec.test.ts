import { describe, expect, it } from "vitest";
import { latencyVsLoadSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { dataValues, expectCompilesCleanly } from "./_spec-helpers.js";

describe("latencyVsLoadSpec", () => {
  const document = reportDocument();

  it("latencyVsLoadSpec(runs) draws p50 and p99 per mesh against load on a log scale", () => {
    const spec = latencyVsLoadSpec(document.runs);
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    const rows = dataValues(spec);
    expect(new Set(rows.map((row) => row.statistic))).toEqual(new Set(["p50", "p99"]));
    expect(new Set(rows.map((row) => row.mesh))).toEqual(new Set(["no mesh", "Istio", "Linkerd 2"]));
    expect(JSON.stringify(spec)).toContain('"type":"log"');
  });

  it("latencyVsLoadSpec(runs, { slo, capacity }) adds the SLO line and a marker at each mesh's highest load within it", () => {
    const spec = latencyVsLoadSpec(document.runs, { slo: document.sweep!.slo, capacity: document.sweep!.capacity });
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    const markers = dataValues(spec).filter((row) => row.kind === "capacity");
    expect(markers.map((row) => [row.mesh, row.rps])).toEqual([["no mesh", 200], ["Istio", 200], ["Linkerd 2", 200]]);
    expect(JSON.stringify(spec)).toContain("SLO: p99 < 40 ms");
  });

  it("lists each mesh's highest load within the SLO under the title (markers can overlap)", () => {
    const spec = latencyVsLoadSpec(document.runs, { slo: document.sweep!.slo, capacity: document.sweep!.capacity }) as { title: { subtitle: string[] } };
    expect(spec.title.subtitle[1]).toBe("◆ Highest load within the SLO (requests/s): no mesh 200 · Istio 200 · Linkerd 2 200");
  });

  it("overloaded loads get a dotted line at the lowest one, naming the meshes unless it is all of them", () => {
    const overloaded = [
      { mesh: "istio", rps: 400, reason: "" },
      { mesh: "istio", rps: 500, reason: "" },
      { mesh: "linkerd2", rps: 500, reason: "" },
    ];
    const lines = dataValues(latencyVsLoadSpec(document.runs, { overloaded })).filter((row) => row.kind === "overload");
    expect(lines.map((row) => [row.rps, row.note])).toEqual([
      [400, "Istio: overloaded from 400"],
      [500, "Linkerd 2: overloaded from 500"],
    ]);
    const all = [...overloaded, { mesh: "none", rps: 500, reason: "" }].filter((point) => point.rps === 500);
    expect(dataValues(latencyVsLoadSpec(document.runs, { overloaded: all })).filter((row) => row.kind === "overload").map((row) => row.note)).toEqual([
      "overloaded from 500",
    ]);
    expectCompilesCleanly(latencyVsLoadSpec(document.runs, { overloaded }));
  });

  it("an SLO on another statistic adds that statistic's curve", () => {
    const slo = { text: "p999<80ms", statistic: "p999" as const, thresholdMs: 80, inclusive: false };
    const statistics = new Set(dataValues(latencyVsLoadSpec(document.runs, { slo })).map((row) => row.statistic));
    expect(statistics).toEqual(new Set(["p50", "p99", "p99.9"]));
  });

  it("runs with --set values get one panel per combination", () => {
    const runs = document.runs.map((run, index) => ({ ...run, parameters: { "services.1.replicas": index % 2 === 0 ? 1 : 2 } }));
    const spec = latencyVsLoadSpec(runs) as { facet?: { column: { field: string } } };
    expect(spec.facet?.column.field).toBe("variant");
    expectCompilesCleanly(spec as never);
  });
});

describe("latencyVsLoadSpec: the log axis", () => {
  it("regression: labels the latency axis across the data's range, up to a tail of 766 ms", () => {
    const runs = reportDocument().runs.map((run) => ({ ...run, latencyMs: { ...run.latencyMs, p99: run.rps === 300 && run.mesh === "istio" ? 766 : run.latencyMs.p99 } }));
    const spec = JSON.stringify(latencyVsLoadSpec(runs));
    const values = JSON.parse(/"axis":\{"format":"~r","values":(\[[^\]]*\])/.exec(spec)![1]) as number[];
    expect(Math.max(...values)).toBeGreaterThanOrEqual(766 / 1.25);
    expect(Math.min(...values)).toBeLessThanOrEqual(Math.min(...runs.map((run) => run.latencyMs.p50)) * 1.25);
  });
});
