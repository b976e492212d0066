// decisionSummary: per mesh at the compared load, the p50 and p99 it adds over no mesh, what
// fails, its data-plane and control-plane CPU, memory and money (default prices said so), what
// did not run, and how far to trust its numbers.

import { describe, expect, it } from "vitest";
import { decisionSummary, DEFAULT_PRICING, renderDecisionSummary } from "../../src/report/index.js";
import { monthlyCost } from "../../src/runner/index.js";
import { failingDocument, runDocument } from "../fixtures/report-document.js";

const CALIBRATED = { status: "calibrated", field: "dataPlane.proxy.pathMsPerPass.http1", source: "fitted to IS6" } as const;

describe("decisionSummary", () => {
  const document = runDocument();
  const at = (mesh: string) => document.runs.find((run) => run.mesh === mesh && run.rps === 300)!;
  const summary = decisionSummary(document);

  it("compares at the highest load every mesh ran, one row per mesh", () => {
    expect(summary.loadPhrase).toBe("at 300 requests/s");
    expect(summary.rows.map((row) => row.mesh)).toEqual(["istio", "linkerd2"]);
  });

  it("gives what a mesh adds over no mesh, and its data and control planes", () => {
    const istio = summary.rows[0];
    expect(istio.addedP50Ms).toBeCloseTo(at("istio").latencyMs.p50 - at("none").latencyMs.p50, 12);
    expect(istio.addedP99Ms).toBeCloseTo(at("istio").latencyMs.p99 - at("none").latencyMs.p99, 12);
    expect(istio.dataPlane).toEqual({ vcpu: at("istio").resources.dataPlane.vcpu, memoryMb: at("istio").resources.dataPlane.memoryMb });
    expect(istio.controlPlane).toEqual({ vcpu: at("istio").resources.controlPlane.vcpu, memoryMb: at("istio").resources.controlPlane.memoryMb });
  });

  it("uses the scenario's prices when it has them, else the default prices and says so", () => {
    expect(summary.prices).toBe("scenario");
    expect(summary.rows[0].monthly!.total).toBe(at("istio").resources.monthlyCost!.total);
    const unpriced = runDocument();
    for (const run of unpriced.runs) delete run.resources.monthlyCost;
    const withDefaults = decisionSummary(unpriced);
    expect(withDefaults.prices).toBe("default");
    expect(withDefaults.rows[0].monthly!.total).toBe(monthlyCost(at("istio").resources, DEFAULT_PRICING).total);
    expect(renderDecisionSummary(withDefaults)).toContain("* at default prices, USD 0.04 per vCPU-hour and 0.005 per GB-hour of memory: the scenario sets no pricing");
  });

  it("names a failing mesh's failures instead of what it adds", () => {
    const linkerd2 = decisionSummary(failingDocument()).rows.find((row) => row.mesh === "linkerd2")!;
    expect(linkerd2.failing).toBe("every request failed (mtls-plaintext-refused)");
    expect(linkerd2.addedP99Ms).toBeUndefined();
    expect(renderDecisionSummary(decisionSummary(failingDocument()))).toMatch(/│ Linkerd 2 +│ +failing │ +failing │ every request failed \(mtls-plaintext-refused\) +│.*│ +failing │/);
  });

  it("lists the meshes that did not run and each mesh's calibration", () => {
    const withMore = { ...runDocument(), skippedMeshes: [{ mesh: "traefik-mesh", reason: "cannot express mTLS strict: it supports off" }], calibration: { istio: { latency: CALIBRATED } } };
    const rows = decisionSummary(withMore).rows;
    expect(rows.at(-1)).toEqual({ mesh: "traefik-mesh", series: "Traefik Mesh", notRun: "cannot express mTLS strict: it supports off" });
    expect(rows[0].calibration).toEqual({ latency: CALIBRATED });
    const text = renderDecisionSummary(decisionSummary(withMore));
    expect(text).toContain("not run: Traefik Mesh: cannot express mTLS strict: it supports off");
    expect(text).toMatch(/│ Istio .*│ calibrated \/ - \/ - +│/);
  });
});
