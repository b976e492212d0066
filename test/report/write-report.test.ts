import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reportCharts, writeReport } from "../../src/report/index.js";
import { reportDocument, runDocument } from "../fixtures/report-document.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-report-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("writeReport", () => {
  it("writes each chart as vega-lite JSON, SVG and PNG, then report.html", async () => {
    const document = reportDocument();
    const { htmlPath, files } = await writeReport(join(folder, "full"), document);
    expect(htmlPath).toBe(join(folder, "full", "report.html"));
    expect(files.at(-1)).toBe(htmlPath);
    for (const chart of reportCharts(document)) {
      const stem = join(folder, "full", "charts", chart.name);
      expect(JSON.parse(readFileSync(`${stem}.vl.json`, "utf8"))).toEqual(JSON.parse(JSON.stringify(chart.spec)));
      expect(readFileSync(`${stem}.svg`, "utf8")).toMatch(/^<svg/);
      expect(readFileSync(`${stem}.png`).subarray(1, 4).toString()).toBe("PNG");
    }
    const html = readFileSync(htmlPath, "utf8");
    // Counted in the markup: the inline vega runtime's code mentions "<svg" too.
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, "$1</script>");
    expect(markup.match(/<svg/g)?.length).toBe(reportCharts(document).length);
  });

  it("rewriting a folder removes the charts the new report does not have", async () => {
    const target = join(folder, "rewrite");
    await writeReport(target, reportDocument());
    expect(existsSync(join(target, "charts", "latency-vs-load.png"))).toBe(true);
    const oneLoad = runDocument();
    oneLoad.runs = oneLoad.runs.filter((run) => run.rps === 100);
    await writeReport(target, oneLoad);
    expect(existsSync(join(target, "charts", "latency-vs-load.png"))).toBe(false);
    expect(existsSync(join(target, "charts", "latency-cdf.png"))).toBe(true);
  });
});
