import { describe, expect, it } from "vitest";
import { nodeCpuSpec, reportCharts, type ReportDocument } from "../../src/report/index.js";
import type { NodeSummary } from "../../src/runner/index.js";
import { runDocument } from "../fixtures/report-document.js";
import { dataValues, expectCompilesCleanly } from "./_spec-helpers.js";

const node = (index: number, app: number, mesh: number): NodeSummary => ({
  node: index,
  vcpu: 2,
  cpuUtilization: (app + mesh) / 2,
  cpuByUser: { app, mesh, kernel: 0, loadGenerator: 0.01 },
  cpuRequested: 0.5,
  cpuAllocatable: 1.93,
  memoryMb: { used: 300, requested: 512, allocatable: 5839 },
  pods: 3,
});

/** The fixture's runs at 300 requests/s, given two 2-core nodes each. */
function withNodes(): ReportDocument {
  const document = runDocument();
  document.runs = document.runs.filter((run) => run.rps === 300).map((run) => ({ ...run, nodes: [node(0, 0.8, run.mesh === "none" ? 0 : 0.3), node(1, 0.4, 0.1)] }));
  return document;
}

describe("nodeCpuSpec", () => {
  it("nodeCpuSpec(runs with nodes) stacks each node's vCPU by user, per mesh, against its cores", () => {
    const spec = nodeCpuSpec(withNodes().runs);
    expectCompilesCleanly(spec);
    const rows = dataValues(spec);
    // 3 meshes x 2 nodes x 4 users.
    expect(rows).toHaveLength(24);
    expect(rows.filter((row) => row.user === "mesh" && row.node === "node 0").map((row) => row.vcpu).sort()).toEqual([0, 0.3, 0.3]);
    expect(new Set(rows.map((row) => row.cores))).toEqual(new Set([2]));
    expect(JSON.stringify(spec)).toContain("shares its 2 cores");
  });

  it("reportCharts(a document with nodes) includes the node CPU chart; without nodes it does not", () => {
    expect(reportCharts(withNodes()).map((chart) => chart.name)).toContain("node-cpu");
    expect(reportCharts(runDocument()).map((chart) => chart.name)).not.toContain("node-cpu");
  });
});
