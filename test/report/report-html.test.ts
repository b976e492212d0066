import { describe, expect, it } from "vitest";
import { renderReportHtml, scopeSvgIds } from "../../src/report/index.js";
import { failingDocument, reportDocument, runDocument } from "../fixtures/report-document.js";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><text>chart</text></g></svg>';

describe("renderReportHtml", () => {
  const html = renderReportHtml(reportDocument(), [
    { name: "latency-vs-load", title: "Latency against load", svg: SVG },
    { name: "latency-cdf", title: "Latency distribution", svg: SVG },
  ]);

  it("is one self-contained page: no scripts, no external styles, fonts or images", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|@import|src="https?:|href="https?:|url\(https?:/i);
  });

  it("has the scenario summary: name, sha256, seed, meshes, loads, SLO", () => {
    expect(html).toContain("<h1>meshsim report: shop</h1>");
    expect(html).toContain("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    expect(html).toContain("<dt>seed</dt><dd>1</dd>");
    expect(html).toMatch(/no mesh <span class="muted">\(none, mTLS off\)<\/span>, Istio <span class="muted">\(istio, mTLS permissive\)/);
    expect(html).toContain("<dt>loads (requests/s)</dt><dd>100, 200, 300</dd>");
    expect(html).toContain("<dt>SLO</dt><dd>p99&lt;40ms</dd>");
  });

  it("has the comparison table with the p99 each mesh adds and the money per month", () => {
    expect(html).toContain("<th>p99 vs no mesh</th>");
    expect(html).toMatch(/<td class="text">Istio<\/td><td class="text">permissive<\/td><td>100<\/td><td>4.45<\/td>.*<td>\+2.40 ± 1.50 ms<\/td>/);
    expect(html).toContain("USD</td>");
  });

  it("has the SLO capacity table, the charts inline with scoped ids, and the warnings", () => {
    expect(html).toContain("How much load each mesh takes within the SLO p99&lt;40ms");
    expect(html).toContain('<figure id="latency-vs-load"');
    expect(html).toContain('<clipPath id="latency-cdf-clip1">');
    expect(html).toContain('clip-path="url(#latency-cdf-clip1)"');
    expect(html).toContain("app/orders is 92% busy");
    expect(html).toContain("(no mesh @ 300, Istio @ 300, Linkerd 2 @ 300)");
  });

  it("sums up what the meshes add, cost and sustain within the SLO", () => {
    expect(html).toContain(
      "At 300 requests/s, no mesh's added p99 stands out from another's: Linkerd 2 (+4.53 ± 4.16 ms, 61.1 ms against 56.6 ms) and Istio (+6.79 ± 4.25 ms, 63.4 ms against 56.6 ms) differ by 2.26 ms, within the 95% interval of that difference (±4.40 ms).",
    );
    expect(html).toContain("Within the SLO p99&lt;40ms, every mesh takes 200 requests/s (without a mesh: 200 requests/s).");
    const document = reportDocument();
    document.sweep!.capacity![1] = { ...document.sweep!.capacity![1], maxRps: 100 };
    expect(renderReportHtml(document, [])).toContain("Within the SLO p99&lt;40ms, Linkerd 2 takes the most load, 200 requests/s, and Istio the least, 100 requests/s (without a mesh: 200 requests/s).");
  });

  it("a run document (no sweep) has no SLO sections", () => {
    const plain = renderReportHtml(runDocument(), []);
    expect(plain).not.toContain("SLO");
    expect(plain).toContain("A run of 3 meshes at 3 loads from 100 to 300 requests/s");
  });

  it("escapes names from the document", () => {
    const document = runDocument();
    document.scenario.name = "<b>shop</b>";
    expect(renderReportHtml(document, [])).toContain("meshsim report: &lt;b&gt;shop&lt;/b&gt;");
  });
});

describe("renderReportHtml: what the meshes add, and the noise around it", () => {
  const findingsOf = (document: ReturnType<typeof runDocument>) => /<ul class="findings">(.*?)<\/ul>/s.exec(renderReportHtml(document, []))![1];
  /** The fixture with every p99 interval ±`halfWidth` around its p99. */
  const withP99HalfWidth = (halfWidth: number) => {
    const document = runDocument();
    for (const run of document.runs) run.latencyMs.ci95!.p99 = [run.latencyMs.p99 - halfWidth, run.latencyMs.p99 + halfWidth];
    return document;
  };

  it("ranks the meshes by added p99 when the intervals tell them apart", () => {
    expect(findingsOf(withP99HalfWidth(0.5))).toContain(
      "At 300 requests/s, the mesh adding least to p99 is Linkerd 2 (+4.53 ± 0.707 ms, 61.1 ms against 56.6 ms); the most, Istio (+6.79 ± 0.707 ms, 63.4 ms against 56.6 ms).",
    );
  });

  it("names as least (or most) every mesh within noise of the least (or most)", () => {
    const document = withP99HalfWidth(0.5);
    const linkerd2 = document.runs.find((run) => run.mesh === "linkerd2" && run.rps === 300)!;
    document.runs.push({ ...structuredClone(linkerd2), mesh: "kuma", latencyMs: { ...linkerd2.latencyMs, p99: 61.5, ci95: { p50: linkerd2.latencyMs.ci95!.p50, p99: [61, 62] } } });
    expect(findingsOf(document)).toContain(
      "the mesh adding least to p99 is one of Linkerd 2 (+4.53 ± 0.707 ms, 61.1 ms against 56.6 ms), Kuma (+4.93 ± 0.707 ms, 61.5 ms against 56.6 ms) (within noise of each other); the most, Istio (+6.79 ± 0.707 ms",
    );
  });

  it("ranks the meshes by the paired intervals of their differences when the runs carry their replications' percentiles", () => {
    // Each run's own interval is ±20 ms: unpaired, no mesh stands out from another.
    const document = withP99HalfWidth(20);
    expect(findingsOf(document)).toContain("no mesh's added p99 stands out from another's");
    const run = (mesh: string) => document.runs.find((candidate) => candidate.mesh === mesh && candidate.rps === 300)!;
    run("none").latencyMs.replications = { p50: [8, 8], p99: [50, 60] };
    run("linkerd2").latencyMs.replications = { p50: [8.6, 8.6], p99: [54.6, 64.5] };
    run("istio").latencyMs.replications = { p50: [8.9, 8.9], p99: [56.7, 66.8] };
    // Istio - Linkerd 2: d = [2.1, 2.3], half-width t(1) * 0.1 = 1.27 ms, less than the 2.26 ms between them.
    expect(findingsOf(document)).toContain(
      "At 300 requests/s, the mesh adding least to p99 is Linkerd 2 (+4.53 ± 0.635 ms, 61.1 ms against 56.6 ms); the most, Istio (+6.79 ± 0.635 ms, 63.4 ms against 56.6 ms).",
    );
  });

  it("shows a difference the replications agree on without ± 0: exact, in the findings and the decision table", () => {
    const document = withP99HalfWidth(0);
    const html = renderReportHtml(document, []);
    expect(findingsOf(document)).toContain("the mesh adding least to p99 is Linkerd 2 (+4.53 ms in every replication, 61.1 ms against 56.6 ms); the most, Istio (+6.79 ms in every replication, 63.4 ms against 56.6 ms).");
    expect(html).toContain('<span title="the same in every replication: its 95% interval has zero width">+6.79 ms</span>');
    expect(html).toContain("a figure without ± is the same in every replication (its interval has zero width)");
    expect(html).not.toMatch(/± 0 ms|±0 /);
  });

  it("ranks nothing with one replication, and says why", () => {
    const single = runDocument();
    for (const run of single.runs) run.latencyMs.ci95 = { p50: null, p99: null };
    const findings = findingsOf(single);
    expect(findings).toContain("At 300 requests/s, p99 over no mesh: Istio (+6.79 ms), Linkerd 2 (+4.53 ms); one replication gives no interval to tell these from noise, so they rank nothing (--replications 2 or more gives one).");
    expect(findings).not.toMatch(/least|most, /);
  });

  it("shows a difference within noise as ≈0 in the decision summary, with the difference in its tooltip", () => {
    const noisy = runDocument();
    noisy.runs.find((run) => run.mesh === "istio" && run.rps === 300)!.latencyMs.ci95!.p99 = [50, 76.7];
    const html = renderReportHtml(noisy, []);
    expect(html).toMatch(/<td class="text">Istio<\/td><td>\+0.900 ± 0.239 ms<\/td><td><span class="muted" title="\+6.79 ms, within ±13.6 ms \(the 95% interval of the difference\): noise, not the mesh's cost">≈0 \(± 13.6 ms\)<\/span><\/td>/);
    expect(html).toContain("≈0 marks a difference within it: noise, not the mesh's cost");
  });

  it("without a no-mesh run, says so and how to get one instead of columns of -", () => {
    const alone = runDocument();
    alone.runs = alone.runs.filter((run) => run.mesh !== "none");
    const html = renderReportHtml(alone, []);
    expect(html).toContain('<p class="muted">There is no no-mesh run to compare latency with; add none to --mesh (--mesh none,istio,linkerd2) to see what each mesh adds.</p>');
    expect(html).not.toContain("<th>adds p99</th>");
    expect(html).toMatch(/<td class="text">Istio<\/td><td class="text">none<\/td>/);
  });
});

describe("renderReportHtml: a mesh that fails every request", () => {
  const html = renderReportHtml(failingDocument(), []);
  const findings = /<ul class="findings">(.*?)<\/ul>/s.exec(html)![1];

  it("names it as failing first, with the share and the reason", () => {
    expect(findings).toMatch(/^<li><strong class="fail">Linkerd 2 fails requests<\/strong> at 100, 200, 300 requests\/s: every request failed \(mtls-plaintext-refused\)\./);
  });

  it("ranks it on neither latency nor cost", () => {
    const rankings = findings.split("</li>").slice(1).join("");
    expect(rankings).toContain("Istio");
    expect(rankings).not.toContain("Linkerd 2");
    expect(rankings).not.toContain("−-");
  });

  it("its table rows say failing instead of a latency it does not have", () => {
    expect(html).toContain('<span class="fail">failing: every request failed (mtls-plaintext-refused)</span>');
    expect(html).toMatch(/Linkerd 2<\/td>.*?<td>6,000 <span class="muted">\(100%\)<\/span><\/td>/);
  });
});

describe("renderReportHtml: a closed loop", () => {
  const document = runDocument();
  document.runs = document.runs.filter((run) => run.rps === 100).map((run) => ({ ...run, rps: 0, users: 8, throughputPerSec: 95.5 }));
  const html = renderReportHtml(document, []);

  it("shows its users and achieved throughput, never 0 requests/s", () => {
    expect(html).not.toMatch(/\b0 requests\/s/);
    expect(html).toContain("with 8 users (closed loop, 95.5 requests/s achieved)");
    expect(html).toContain('<td>95.5 <span class="muted">(8 users)</span></td>');
    expect(html).toContain("At 8 users (95.5 requests/s achieved)");
  });
});

describe("renderReportHtml: meshes left out", () => {
  it("names each mesh --mesh all left out, with why, and none when nothing was left out", () => {
    const document = { ...runDocument(), skippedMeshes: [{ mesh: "traefik-mesh", reason: "cannot express mTLS strict: it supports off" }] };
    const html = renderReportHtml(document, []);
    expect(html).toContain("<h2>Meshes not run</h2>");
    expect(html).toContain("<li><strong>Traefik Mesh</strong>: cannot express mTLS strict: it supports off</li>");
    expect(renderReportHtml(runDocument(), [])).not.toContain("Meshes not run");
  });
});

describe("scopeSvgIds", () => {
  it("prefixes ids and the references to them", () => {
    expect(scopeSvgIds('<a id="g1"/><use href="#g1"/><g fill="url(#g1)"/>', "x")).toBe('<a id="x-g1"/><use href="#x-g1"/><g fill="url(#x-g1)"/>');
  });
});
