import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderReportHtml, serviceGraphCharts, writeReport } from "../../src/report/index.js";
import type { ReportDocument } from "../../src/report/index.js";
import type { TelemetrySummary } from "../../src/runner/index.js";
import { runDocument } from "../fixtures/report-document.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-graphs-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The run document with telemetry on its meshed runs: a graph with a p99 on one edge, and one service's signals. */
function withTelemetry(): ReportDocument {
  const document = runDocument();
  for (const run of document.runs) {
    if (run.mesh === "none") continue;
    const telemetry: TelemetrySummary = {
      settings: { metrics: true, accessLogs: false, tracing: { sampling: 0 } },
      proxies: { cpuMsPerRequestDelta: 0, vcpu: 0.01, statsMemoryMb: 0.1, collectorBytesPerSec: 100 },
      prometheus: { series: 10, samplesPerSec: 1, memoryMb: 0.03, vcpu: 0, diskGbPerDay: 0 },
      tracing: { spansPerSec: 0, collectorVcpu: 0, storageGbPerDay: 0 },
      accessLogs: { linesPerSec: 0, gbPerDay: 0 },
      monitoring: { vcpu: 0, memoryMb: 0.03 },
      graph: {
        unmeshed: [],
        edges: [
          { from: "load-generator", to: "web", requestsPerSec: 100, encrypted: true, failing: false, p99Ms: 12.5 },
          { from: "web", to: "db", requestsPerSec: 50, encrypted: true, failing: false },
        ],
      },
      services: [{ service: "frontend", requestsPerSec: 99.5, successRate: 0.995, latencyMs: { p50: 2, p95: 6.25, p99: 12.5 } }],
    };
    run.telemetry = telemetry;
  }
  return document;
}

describe("serviceGraphCharts", () => {
  it("gives one chart per compared run with telemetry, named after its series, with each edge's p99 when measured", () => {
    const charts = serviceGraphCharts(withTelemetry());
    expect(charts.length).toBeGreaterThan(0);
    expect(new Set(charts.map((chart) => chart.name)).size).toBe(charts.length);
    for (const chart of charts) {
      expect(chart.name).toMatch(/^service-graph-[a-z0-9-]+$/);
      expect(chart.svg).toContain(">mTLS, 100 rps, p99 12.5 ms</text>");
      expect(chart.svg).toContain(">mTLS, 50 rps</text>");
    }
    expect(serviceGraphCharts(runDocument())).toEqual([]);
  });
});

describe("writeReport with telemetry", () => {
  it("writes each service graph as SVG and PNG, and removes them when a later report has none", async () => {
    const target = join(folder, "graphs");
    const document = withTelemetry();
    const { files } = await writeReport(target, document);
    for (const chart of serviceGraphCharts(document)) {
      const stem = join(target, "charts", chart.name);
      expect(readFileSync(`${stem}.svg`, "utf8")).toBe(chart.svg);
      expect(readFileSync(`${stem}.png`).subarray(1, 4).toString()).toBe("PNG");
      expect(files).toContain(`${stem}.png`);
    }
    await writeReport(target, runDocument());
    expect(readdirSync(join(target, "charts")).filter((file) => file.startsWith("service-graph-"))).toEqual([]);
    expect(existsSync(join(target, "charts", "latency-cdf.png"))).toBe(true);
  });
});

describe("report.html per-service table", () => {
  it("adds each service's golden signals under the meshes whose runs report telemetry", () => {
    const html = renderReportHtml(withTelemetry(), []);
    expect(html).toContain("99.5 rps, 99.50% ok, p50 / p95 / p99 2.00 / 6.25 / 12.5 ms");
    expect(html).toContain("<code>linkerd viz stat</code>");
    expect(renderReportHtml(runDocument(), [])).not.toContain("% ok, p50 / p95 / p99");
  });
});
