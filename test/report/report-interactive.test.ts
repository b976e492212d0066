// The interactive report: specs and the vega runtime inline, and in headless Chromium every
// chart drawn live with nothing fetched, tooltips on hover, and the mesh toggles filtering every
// chart and its legend. The browser part needs Debian's chromium (.ci/run installs it); without
// it the part is skipped, unless MESHSIM_REQUIRE_BROWSER is set (CI), when it fails.

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meshToggles, specScript, writeReport } from "../../src/report/index.js";
import { escapeHtml } from "../../src/report/report-html.js";
import { reportDocument } from "../fixtures/report-document.js";

const CHROMIUM = "/usr/bin/chromium";
const hasBrowser = existsSync(CHROMIUM);
const folder = mkdtempSync(join(tmpdir(), "meshsim-report-interactive-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("specScript and meshToggles", () => {
  it("specScript keeps a </script> inside the spec from ending the element", () => {
    const script = specScript("x", { title: "</script><b>", mark: "point" } as never);
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(/>(.*)<\/script>$/.exec(script)![1])).toMatchObject({ title: "</script><b>" });
  });

  it("meshToggles offers one ticked box per mesh, hidden until the page's script runs, none for one mesh", () => {
    expect(meshToggles(["no mesh", "Istio"], escapeHtml)).toBe(
      '<fieldset class="mesh-toggles" hidden><legend>Meshes shown in every chart</legend><label><input type="checkbox" value="no mesh" checked> no mesh</label> <label><input type="checkbox" value="Istio" checked> Istio</label></fieldset>',
    );
    expect(meshToggles(["Istio"], escapeHtml)).toBe("");
  });
});

describe("report.html with its runtime", () => {
  let html = "";
  let htmlPath = "";
  beforeAll(async () => {
    ({ htmlPath } = await writeReport(join(folder, "report"), reportDocument()));
    html = readFileSync(htmlPath, "utf8");
  });

  it("inlines the vega runtime and every chart's spec, and loads nothing from elsewhere", () => {
    expect(html).toContain("vegaEmbed");
    // The markup around the scripts (whose code may well mention "<link" in a string) fetches nothing.
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, "$1</script>");
    expect(markup).not.toMatch(/<script[^>]+src=|<link|<img|@import|src="https?:|href="https?:/i);
    for (const name of ["latency-vs-load", "latency-cdf", "hop-breakdown"]) expect(html).toContain(`<script type="application/json" id="spec-${name}">`);
  });

  it("has a per-service table: each service's time per visit under each mesh", () => {
    expect(html).toMatch(/<h2>Per service at 300 requests\/s<\/h2>/);
    expect(html).toMatch(/<td class="text">orders<\/td><td>[\d.]+ ms <span class="muted">\(\d+% busy\)<\/span>/);
  });

  describe.skipIf(!hasBrowser && !process.env.MESHSIM_REQUIRE_BROWSER)("in headless Chromium", () => {
    let browser: Browser;
    let page: Page;
    const requests: string[] = [];
    const errors: string[] = [];
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      });
      page = await browser.newPage();
      page.on("request", (request) => requests.push(request.url()));
      page.on("pageerror", (error) => errors.push(String(error)));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      await page.goto(pathToFileURL(htmlPath).href);
      await page.waitForSelector("body[data-charts=ready]", { timeout: 60_000 });
    }, 90_000);
    afterAll(async () => browser?.close());

    const legendOf = (chart: string) =>
      page.$$eval(`[data-chart="${chart}"] .role-legend-label text`, (labels) => labels.map((label) => label.textContent));

    it("draws every chart live, with no request beyond the file and no error", async () => {
      const states = await page.$$eval("[data-chart]", (charts) => charts.map((chart) => (chart as HTMLElement).dataset.embedded));
      expect(states.length).toBeGreaterThanOrEqual(6);
      expect(states.every((state) => state === "true")).toBe(true);
      expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
      expect(errors).toEqual([]);
    });

    it("shows a tooltip on hovering a point", async () => {
      await page.hover('[data-chart="latency-cdf"] .mark-symbol path >> nth=2');
      await page.waitForSelector("#vg-tooltip-element.visible", { timeout: 5000 });
      expect(await page.textContent("#vg-tooltip-element")).toMatch(/mesh.*percentile.*ms/s);
    });

    it("a mesh toggle removes the mesh from every chart and its legend, and brings it back", async () => {
      expect(await legendOf("latency-cdf")).toEqual(["no mesh", "Istio", "Linkerd 2"]);
      await page.uncheck('.mesh-toggles input[value="Istio"]');
      await page.waitForSelector("body[data-redrawn=done]");
      expect(await legendOf("latency-cdf")).toEqual(["no mesh", "Linkerd 2"]);
      expect(await legendOf("latency-vs-load")).not.toContain("Istio");
      const hopLabels = await page.$$eval('[data-chart="hop-breakdown"] .role-axis-label text', (labels) => labels.map((label) => label.textContent));
      expect(hopLabels).not.toContain("Istio");
      await page.evaluate(() => (document.body.dataset.redrawn = "pending"));
      await page.check('.mesh-toggles input[value="Istio"]');
      await page.waitForSelector("body[data-redrawn=done]");
      expect(await legendOf("latency-cdf")).toEqual(["no mesh", "Istio", "Linkerd 2"]);
    });
  });
});
