import { describe, expect, it } from "vitest";
import { renderComparisonTable } from "../../src/report/index.js";
import type { NodeSummary, RunSummary } from "../../src/runner/index.js";
import { failingDocument, runDocument } from "../fixtures/report-document.js";

const node = (index: number, utilization: number): NodeSummary => ({
  node: index,
  vcpu: 2,
  cpuUtilization: utilization,
  cpuByUser: { app: utilization, mesh: utilization / 2, kernel: 0, loadGenerator: 0.05 },
  cpuRequested: 0.5,
  cpuAllocatable: 1.93,
  memoryMb: { used: 300, requested: 512, allocatable: 5839 },
  pods: 3,
});

function runs(): RunSummary[] {
  return runDocument().runs.filter((run) => run.rps === 300);
}

describe("renderComparisonTable", () => {
  it("renderComparisonTable(runs with nodes) names each run's busiest node, its share busy and its vCPU by user", () => {
    const table = renderComparisonTable(runs().map((run) => ({ ...run, nodes: [node(0, 0.3), node(1, 0.6)] })));
    expect(table).toContain("busiest node (share of its cores busy; vCPU by app, mesh, kernel, load generator):");
    expect(table).toMatch(/istio @ 300 rps: node 1, 60% of 2 cores \(0\.60 \/ 0\.30 \/ 0\.00 \/ 0\.05\)/);
  });

  it("renderComparisonTable(runs without nodes) has no busiest-node lines", () => {
    expect(renderComparisonTable(runs())).not.toContain("busiest node");
  });

  it("renderComparisonTable(a warning every mesh has at the same loads) lists it once for every mesh; a mesh's own stays its own", () => {
    const shared = "app/web is throttled by its CPU limit (see hops[].throttling): requests it holds wait for the next 100 ms CFS period";
    const table = renderComparisonTable(runs().map((run) => ({ ...run, warnings: [shared, ...(run.mesh === "istio" ? ["istio only"] : [])] })));
    expect(table.split("\n").filter((line) => line.includes(shared))).toEqual([`  every mesh @ 300 rps: ${shared}`]);
    expect(table).toContain("  istio @ 300 rps: istio only");
  });
});

describe("renderComparisonTable: honest rows", () => {
  it("names the runs that fail requests, with the share and reason, per mesh", () => {
    const text = renderComparisonTable(failingDocument().runs);
    expect(text).toContain(
      "failing (left out of every comparison: what is not served costs nothing and takes no time):\n  linkerd2 @ 100, 200, 300 rps: every request failed (mtls-plaintext-refused)",
    );
    expect(text).toMatch(/│ linkerd2 +│ [a-z]+ +│ +100 │ +- │/);
  });

  it("shows a closed loop's users and achieved throughput, not 0 rps", () => {
    const closed = runs().map((run) => ({ ...run, rps: 0, users: 8, throughputPerSec: 95.5 }));
    const text = renderComparisonTable(closed);
    expect(text).toMatch(/│ users │ achieved rps │/);
    expect(text).toMatch(/│ istio +│ [a-z]+ +│ +8 │ +95.5 │/);
    expect(text).not.toContain("@ 0 rps");
    expect(text).toContain("istio @ 8 users:");
  });
});
