// decisionSummary: per mesh at the compared load, the p50 and p99 it adds over no mesh (with
// the 95% interval of that difference, shown as noise when within it; said when there is no
// no-mesh run), what fails, its data-plane and control-plane CPU, memory and money (default prices said so), what
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

  it("gives the half-width of each added figure's 95% interval, from the two runs' own intervals", () => {
    const halfWidth = (interval: [number, number]) => (interval[1] - interval[0]) / 2;
    const istio = summary.rows[0];
    expect(istio.addedP50HalfWidthMs).toBeCloseTo(Math.hypot(halfWidth(at("istio").latencyMs.ci95!.p50!), halfWidth(at("none").latencyMs.ci95!.p50!)), 12);
    expect(istio.addedP99HalfWidthMs).toBeCloseTo(Math.hypot(halfWidth(at("istio").latencyMs.ci95!.p99!), halfWidth(at("none").latencyMs.ci95!.p99!)), 12);
  });

  it("pairs the replications when both runs carry their own percentiles: t(n - 1) * sd(d) / sqrt(n)", () => {
    const paired = runDocument();
    const run = (mesh: string) => paired.runs.find((candidate) => candidate.mesh === mesh && candidate.rps === 300)!;
    run("none").latencyMs.replications = { p50: [7.9, 8.1], p99: [55, 58] };
    run("istio").latencyMs.replications = { p50: [8.8, 9], p99: [61.9, 64.8] };
    // d = [6.9, 6.8]: sd = 0.1 / sqrt(2), so t(1) * 0.05 (t(1) = 12.706...).
    const istio = decisionSummary(paired).rows.find((row) => row.mesh === "istio")!;
    expect(istio.addedP99Ms).toBeCloseTo(63.3568 - 56.5685, 12);
    expect(istio.addedP99HalfWidthMs).toBeCloseTo(12.706204736174694 * 0.05, 10);
    expect(istio.addedP50HalfWidthMs).toBe(0); // d = [0.9, 0.9], to float noise
    // Linkerd 2 has no replications' percentiles: the runs' own intervals, as before.
    const linkerd2 = decisionSummary(paired).rows.find((row) => row.mesh === "linkerd2")!;
    expect(linkerd2.addedP99HalfWidthMs).toBeCloseTo(summary.rows.find((row) => row.mesh === "linkerd2")!.addedP99HalfWidthMs!, 12);
    // The replications agree on p50's difference: no "±0", and a note says what a bare figure means.
    const text = renderDecisionSummary(decisionSummary(paired), { maxWidth: 200 });
    expect(text).toMatch(/│ Istio +│ +\+0\.900 │ +\+6\.79 ±0\.635 │/);
    expect(text).toContain("a figure without ± is the same in every replication (its interval has zero width)");
    expect(text).not.toContain("±0 ");
  });

  it("shows a difference outside its interval as the mesh's, with the interval", () => {
    expect(summary.hasBaseline).toBe(true);
    const text = renderDecisionSummary(summary);
    expect(text).toMatch(/│ Istio +│ +\+0\.900 ±0\.239 │ +\+6\.79 ±4\.25 │ none /);
    expect(text).toContain("adds: the mesh's percentile minus no mesh's, ± the 95% interval of that difference over the replications; ≈0: the difference is within it, so it is noise, not the mesh's cost");
    expect(text).not.toContain("a figure without ±");
  });

  it("shows a difference within its interval as noise (≈0), not as the mesh's cost", () => {
    const noisy = runDocument();
    const istio = noisy.runs.find((run) => run.mesh === "istio" && run.rps === 300)!;
    istio.latencyMs.ci95!.p99 = [50, 76.7];
    const row = decisionSummary(noisy).rows[0];
    expect(Math.abs(row.addedP99Ms!)).toBeLessThan(row.addedP99HalfWidthMs!);
    expect(renderDecisionSummary(decisionSummary(noisy))).toMatch(/│ Istio +│ +\+0\.900 ±0\.239 │ +≈0 \(±13\.6\) │ none /);
  });

  it("keeps a figure and its interval whole when the table is fitted to a narrow terminal", () => {
    const noisy = runDocument();
    noisy.runs.find((run) => run.mesh === "istio" && run.rps === 300)!.latencyMs.ci95!.p99 = [50, 76.7];
    const text = renderDecisionSummary(decisionSummary(noisy), { maxWidth: 60 });
    expect(text).toMatch(/│ +≈0 │/);
    expect(text).toMatch(/│ +\(±13\.6\) │/);
    expect(text).toMatch(/│ +±0\.239 │/);
    expect(text).not.toContain("…");
  });

  it("says a figure from one replication has no interval", () => {
    const single = runDocument();
    for (const run of single.runs) run.latencyMs.ci95 = { p50: null, p99: null };
    const summarized = decisionSummary(single);
    expect(summarized.rows[0].addedP99HalfWidthMs).toBeNull();
    const text = renderDecisionSummary(summarized);
    expect(text).toMatch(/│ Istio +│ +\+0\.900 \? │ +\+6\.79 \? │ none /);
    expect(text).toContain("? = one replication, so no interval: the figure may be noise (--replications 2 or more gives one)");
    expect(text).not.toContain("≈0");
  });

  it("without a no-mesh run, says in one line that there is nothing to compare with and how to get it, instead of columns of -", () => {
    const alone = runDocument();
    alone.runs = alone.runs.filter((run) => run.mesh !== "none");
    const summarized = decisionSummary(alone);
    expect(summarized.hasBaseline).toBe(false);
    const text = renderDecisionSummary(summarized);
    expect(text.split("\n")[0]).toBe("decision summary at 300 requests/s: there is no no-mesh run to compare latency with; add none to --mesh (--mesh none,istio,linkerd2) to see what each mesh adds");
    expect(text).not.toContain("adds p");
    expect(text).toMatch(/│ Istio +│ none +│/);
  });
});
