/**
 * report.html: one self-contained page (nothing fetched: its scripts, styles and charts are
 * inline) with the decision summary, the scenario, the SLO capacities of a sweep, the comparison
 * and per-service tables, the charts (static SVG, drawn live with tooltips and mesh toggles when
 * the vega runtime is inlined), and the warnings. Opens offline and travels as one file.
 */

import { serviceGraphsHtml } from "./_report-telemetry-html.js";
import { describeFailure, failedShare, failingRuns, type CalibrationEntry, type ServiceSignals } from "../runner/index.js";
import { decisionSummary, noBaselineWords, DEFAULT_PRICING } from "./decision-summary.js";
import { addedLatency, EXACT_NOTE, formatAddedHtml, NO_INTERVAL_MARK } from "./added-latency.js";
import { focusRuns, formatRps, loadPhrase, seriesLabel, variantLabel } from "./_chart-data.js";
import { formatCount, formatMs } from "./format-number.js";
import { meshLabel } from "./mesh-style.js";
import { interactiveScripts, meshToggles, specScript } from "./report-interactive.js";
import type { TopLevelSpec } from "vega-lite";
import type { ReportDocument } from "./report-document.js";
import { escapeHtml } from "./_escape-html.js";
import { footer, overloaded, skippedMeshes, warnings } from "./_report-lists-html.js";
import { findings } from "./_report-findings-html.js";
import { formatPercent, meshMemory, meshVcpu } from "./_report-html-numbers.js";

export { escapeHtml };

export interface RenderedChart {
  name: string;
  title: string;
  svg: string;
  /** The chart's vega-lite spec: with the runtime, the page draws it live from this. */
  spec?: TopLevelSpec;
}

export interface ReportHtmlOptions {
  /**
   * The vega, vega-lite and vega-embed builds to inline (write-report reads them): the charts
   * then get tooltips and mesh toggles. Without it the page is static SVG.
   */
  runtime?: string;
}

/**
 * The page for `document` with its charts already rendered to SVG.
 * @example writeFileSync("report.html", renderReportHtml(document, charts))
 */
export function renderReportHtml(document: ReportDocument, charts: RenderedChart[], options: ReportHtmlOptions = {}): string {
  const name = escapeHtml(document.scenario.name);
  const sections = [
    `<h1>meshsim report: ${name}</h1>`,
    `<p class="lede">${escapeHtml(describeRun(document))}</p>`,
    decision(document),
    findings(document),
    summary(document),
    capacity(document),
    comparisonTable(document),
    servicesTable(document),
    serviceGraphsHtml(document),
    contents(charts),
    options.runtime ? meshToggles(meshLabels(document), escapeHtml) : "",
    ...charts.map(figure),
    overloaded(document),
    skippedMeshes(document),
    warnings(document),
    footer(document),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>meshsim report: ${name}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${sections.filter((section) => section !== "").join("\n")}
</main>
${options.runtime ? interactiveScripts(options.runtime) : ""}
</body>
</html>
`;
}

/**
 * Gives every id in an SVG (and every reference to one) a prefix, so several SVGs inlined in
 * one page do not resolve each other's clip paths and gradients.
 * @example scopeSvgIds('<clipPath id="clip1">…url(#clip1)', "cdf") // '<clipPath id="cdf-clip1">…url(#cdf-clip1)'
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

// --- internal ---

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #f6f7f9; color: #1d2329; font: 15px/1.5 "DejaVu Sans", -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 32px 48px; background: white; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-top: 8px; border-top: 1px solid #e3e6ea; }
.lede { color: #4a545e; margin: 0 0 16px; }
.findings li { margin: 2px 0; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e3e6ea; text-align: right; white-space: nowrap; }
th { background: #f0f2f5; font-weight: 600; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
tbody tr:nth-child(even) { background: #fafbfc; }
.table-wrap { overflow-x: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0; font-size: 14px; }
dt { color: #4a545e; }
dd { margin: 0; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
figure { margin: 28px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12.5px; color: #5c6670; }
.pass { color: #1e7b34; font-weight: 600; }
.fail { color: #b03a2e; font-weight: 600; }
.warnings li { margin: 4px 0; }
.muted { color: #6b7580; font-size: 13px; }
nav ol { columns: 2; font-size: 14px; }
.mesh-toggles { position: sticky; top: 0; z-index: 2; background: white; border: 1px solid #e3e6ea; border-radius: 4px; padding: 6px 12px; margin: 16px 0; font-size: 14px; }
.mesh-toggles label { margin-right: 14px; white-space: nowrap; }
.chart { overflow-x: auto; }
`;

function describeRun(document: ReportDocument): string {
  const runs = document.runs;
  // A sweep whose every point would overload a station simulated nothing: its answer is the overloaded list.
  if (runs.length === 0) return `A sweep of ${document.sweep?.rates.length ?? 0} loads in which every point was overloaded, so none was simulated, seed ${document.seed}.`;
  const meshes = [...new Set(runs.map((run) => run.mesh))];
  const loads = [...new Set(runs.map((run) => run.rps))].sort((a, b) => a - b);
  const durations = [...new Set(runs.map((run) => run.durationS))];
  const replications = [...new Set(runs.map((run) => run.replications))];
  const openLoadText = loads.length === 1 ? `at ${formatRps(loads[0])} requests/s` : `at ${loads.length} loads from ${formatRps(loads[0])} to ${formatRps(loads.at(-1)!)} requests/s`;
  const loadText = runs.every((run) => run.users !== undefined) ? loadPhrase(runs) : openLoadText;
  const kind = document.sweep ? "A sweep of" : "A run of";
  return `${kind} ${meshes.length} ${meshes.length === 1 ? "mesh" : "meshes"} ${loadText}, ${durations.map((d) => `${d} s`).join(" / ")} measured per point, ${replications.join(" / ")} ${replications.length === 1 && replications[0] === 1 ? "replication" : "replications"}, seed ${document.seed}.`;
}

/** The decision summary: per mesh what it adds, fails and costs, and how far to trust its numbers. */
function decision(document: ReportDocument): string {
  const summary = decisionSummary(document);
  if (summary.rows.length === 0) return "";
  const ran = summary.rows.filter((row) => row.notRun === undefined);
  const currency = ran.find((row) => row.monthly)?.monthly?.currency ?? DEFAULT_PRICING.currency;
  const compared = summary.hasBaseline;
  const head = ["mesh", ...(compared ? ["adds p50", "adds p99"] : []), "fails", "data plane vCPU", "data plane MB", "control plane vCPU", "control plane MB", `${currency} / month${summary.prices === "default" ? " *" : ""}`, "latency", "CPU", "memory"];
  const rows = summary.rows.map((row) => {
    if (row.notRun !== undefined) return [escapeHtml(row.series), `<span class="fail">not run: ${escapeHtml(row.notRun)}</span>`, ...head.slice(2).map(() => "")];
    const added = (ms: number | undefined, halfWidthMs: number | null | undefined) =>
      row.failing ? `<span class="fail">failing</span>` : ms === undefined ? "-" : formatAddedHtml({ ms, halfWidthMs: halfWidthMs ?? null });
    const calibration = (entry: CalibrationEntry | undefined) =>
      entry === undefined ? "-" : `<span class="${entry.status === "calibrated" ? "pass" : "muted"}" title="${escapeHtml(`${entry.field}: ${entry.source}`)}">${entry.status}</span>`;
    return [
      escapeHtml(row.series),
      ...(compared ? [added(row.addedP50Ms, row.addedP50HalfWidthMs), added(row.addedP99Ms, row.addedP99HalfWidthMs)] : []),
      row.failing ? `<span class="fail">${escapeHtml(row.failing)}</span>` : "none",
      row.dataPlane ? row.dataPlane.vcpu.toFixed(2) : "-",
      row.dataPlane ? formatCount(row.dataPlane.memoryMb) : "-",
      row.controlPlane ? row.controlPlane.vcpu.toFixed(2) : "-",
      row.controlPlane ? formatCount(row.controlPlane.memoryMb) : "-",
      row.failing ? `<span class="muted">failing</span>` : row.monthly ? row.monthly.total.toFixed(2) : "-",
      calibration(row.calibration?.latency),
      calibration(row.calibration?.cpu),
      calibration(row.calibration?.memory),
    ];
  });
  const prices =
    summary.prices === "default"
      ? `<p class="muted">* At default prices, ${DEFAULT_PRICING.currency} ${DEFAULT_PRICING.vcpuHour} per vCPU-hour and ${DEFAULT_PRICING.gbHour} per GB-hour of memory: the scenario sets no <code>pricing</code>.</p>`
      : "";
  const halfWidths = summary.rows.flatMap((row) => (row.addedP99Ms === undefined ? [] : [row.addedP50HalfWidthMs, row.addedP99HalfWidthMs]));
  const missing = noBaselineWords(summary);
  const noise = missing
    ? `<p class="muted">${escapeHtml(missing[0].toUpperCase() + missing.slice(1))}.</p>`
    : `<p class="muted">Added latency is the mesh's percentile minus no mesh's${halfWidths.some((width) => width !== null && width !== undefined) ? ", ± the 95% interval of that difference over the replications; ≈0 marks a difference within it: noise, not the mesh's cost (hover for the difference)" : ""}${halfWidths.some((width) => width === 0) ? `; ${EXACT_NOTE}` : ""}${halfWidths.some((width) => width === null) ? `; ${NO_INTERVAL_MARK} marks a figure from one replication, with no interval to tell it from noise (--replications 2 or more gives one)` : ""}.</p>`;
  return `<h2>Decision summary ${escapeHtml(summary.loadPhrase)}</h2>
<p class="muted">What each mesh adds over no mesh at the same load, what fails, what its data plane and control plane take, and how far to trust its profile: calibrated numbers are measured or fitted to a measurement (models/SOURCES.md), estimates are reasoned (hover for the source).</p>
${table(head, rows, [compared ? 3 : 1])}
${noise}
${prices}`;
}

function summary(document: ReportDocument): string {
  const runs = document.runs;
  const meshes = [...new Set(runs.map((run) => run.mesh))].map((mesh) => {
    const modes = [...new Set(runs.filter((run) => run.mesh === mesh).map((run) => run.mtls))];
    return `${escapeHtml(meshLabel(mesh))} <span class="muted">(${escapeHtml(mesh)}, mTLS ${escapeHtml(modes.join("/"))})</span>`;
  });
  const loads = [...new Set(runs.map((run) => run.rps))].sort((a, b) => a - b);
  const rows: [string, string][] = [
    ["scenario", escapeHtml(document.scenario.name)],
    ["scenario sha256", `<code>${escapeHtml(document.scenario.sha256)}</code>`],
    ["seed", String(document.seed)],
    ["meshes", meshes.join(", ")],
    ...(runs.some((run) => run.users !== undefined)
      ? ([["load (closed loop)", escapeHtml(loadPhrase(runs).replace(/^with /, ""))]] as [string, string][])
      : ([["loads (requests/s)", loads.map(formatRps).join(", ")]] as [string, string][])),
    ["measured per point", [...new Set(runs.map((run) => `${run.durationS} s`))].join(", ")],
    ["replications", [...new Set(runs.map((run) => String(run.replications)))].join(", ")],
  ];
  for (const parameter of document.sweep?.parameters ?? []) rows.push([`--set ${escapeHtml(parameter.path)}`, parameter.values.map((value) => escapeHtml(String(value))).join(", ")]);
  if (document.sweep?.slo) rows.push(["SLO", escapeHtml(document.sweep.slo.text)]);
  if (document.sweep?.resolutionRps !== undefined) rows.push(["SLO search resolution", `${formatRps(document.sweep.resolutionRps)} requests/s (bisection between the last passing and first failing load)`]);
  return `<h2>Scenario</h2>\n<dl>${rows.map(([key, value]) => `<dt>${key}</dt><dd>${value}</dd>`).join("")}</dl>`;
}

function capacity(document: ReportDocument): string {
  const sweep = document.sweep;
  if (!sweep?.slo || !sweep.capacity || sweep.capacity.length === 0) return "";
  const withParameters = sweep.capacity.some((entry) => entry.parameters !== undefined);
  const statistic = sweep.slo.statistic === "p999" ? "p99.9" : sweep.slo.statistic;
  const head = ["mesh", ...(withParameters ? ["--set"] : []), "highest load within the SLO (requests/s)", `${statistic} there (ms)`, "first load that fails (requests/s)"];
  const rows = sweep.capacity.map((entry) => {
    const failing =
      entry.firstFailingRps === null
        ? `<span class="pass">none tried</span>`
        : `${formatRps(entry.firstFailingRps)} <span class="muted">(${entry.failedBy === "overload" ? "overloaded" : entry.failedBy === "failures" ? "requests fail" : `${statistic} over the SLO`})</span>`;
    return [
      escapeHtml(meshLabel(entry.mesh)),
      ...(withParameters ? [escapeHtml(variantLabel(entry))] : []),
      entry.maxRps === null ? `<span class="fail">none: fails at the lowest load</span>` : `<span class="pass">${formatRps(entry.maxRps)}</span>`,
      entry.valueMs === null ? "-" : formatMs(entry.valueMs),
      failing,
    ];
  });
  return `<h2>How much load each mesh takes within the SLO ${escapeHtml(sweep.slo.text)}</h2>
<p class="muted">The highest load tried that met the SLO with every lower load meeting it too. A load at which a station would be 100% busy counts as failing.</p>
${table(head, rows, withParameters ? [1] : [])}`;
}

function comparisonTable(document: ReportDocument): string {
  const runs = document.runs;
  const withParameters = runs.some((run) => run.parameters !== undefined);
  const priced = runs.some((run) => run.resources.monthlyCost !== undefined);
  const baseline = new Map(runs.filter((run) => run.mesh === "none").map((run) => [`${variantLabel(run)}@${run.rps}`, run]));
  const slo = document.sweep?.slo;
  const failing = failingRuns(runs);
  const closed = runs.some((run) => run.users !== undefined);
  const head = [
    "mesh",
    ...(withParameters ? ["--set"] : []),
    "mTLS",
    closed ? "requests/s (achieved)" : "requests/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "p99.9 ms",
    "mean ms",
    "p99 vs no mesh",
    ...(slo ? ["SLO"] : []),
    "completed",
    "failed",
    "mesh vCPU",
    "mesh MB",
    ...(priced ? [`mesh cost / month`] : []),
  ];
  const rows = runs.map((run) => {
    const base = baseline.get(`${variantLabel(run)}@${run.rps}`);
    const failure = failing.get(run);
    const vsBaseline = failure
      ? `<span class="fail">failing: ${escapeHtml(describeFailure(failure))}</span>`
      : run.mesh === "none" || base === undefined || failing.has(base)
        ? ""
        : formatAddedHtml(addedLatency(run.latencyMs, base.latencyMs, "p99"));
    const meets = slo ? !failure && (slo.inclusive ? run.latencyMs[slo.statistic] <= slo.thresholdMs : run.latencyMs[slo.statistic] < slo.thresholdMs) : undefined;
    const cost = run.resources.monthlyCost;
    return [
      escapeHtml(meshLabel(run.mesh)),
      ...(withParameters ? [escapeHtml(variantLabel(run))] : []),
      escapeHtml(run.mtls),
      run.users === undefined ? formatRps(run.rps) : `${formatRps(run.throughputPerSec)} <span class="muted">(${run.users} users)</span>`,
      formatMs(run.latencyMs.p50),
      formatMs(run.latencyMs.p90),
      formatMs(run.latencyMs.p99),
      formatMs(run.latencyMs.p999),
      formatMs(run.latencyMs.mean),
      vsBaseline,
      ...(slo ? [failure ? `<span class="fail">fails</span>` : meets ? `<span class="pass">meets</span>` : `<span class="fail">misses</span>`] : []),
      formatCount(run.requests.completed),
      run.requests.failed === 0 ? "0" : `${formatCount(run.requests.failed)} <span class="muted">(${formatPercent(failedShare(run.requests))})</span>`,
      meshVcpu(run).toFixed(2),
      formatCount(meshMemory(run)),
      ...(priced ? [cost ? `${cost.total.toFixed(2)} ${escapeHtml(cost.currency)}` : ""] : []),
    ];
  });
  return `<h2>Comparison</h2>
<p class="muted">Latency as the load generator sees it, from each request's intended send time. Mesh vCPU and MB include the data plane and the control plane.</p>
${table(head, rows, withParameters ? [1, 2] : [1])}`;
}

function contents(charts: RenderedChart[]): string {
  if (charts.length === 0) return "";
  return `<h2>Charts</h2>\n<nav><ol>${charts.map((chart) => `<li><a href="#${chart.name}">${escapeHtml(chart.title)}</a></li>`).join("")}</ol></nav>`;
}

function figure(chart: RenderedChart): string {
  const links = `<a href="charts/${chart.name}.png">PNG</a> · <a href="charts/${chart.name}.svg">SVG</a> · <a href="charts/${chart.name}.vl.json">vega-lite</a>`;
  return `<figure id="${chart.name}" aria-label="${escapeHtml(chart.title)}">
<div class="chart" data-chart="${chart.name}">${scopeSvgIds(chart.svg, chart.name)}</div>
${chart.spec ? specScript(chart.name, chart.spec) : ""}
<figcaption>${links} (files beside this report)</figcaption>
</figure>`;
}

/** The labels of the meshes the report shows, baseline first: the mesh toggles' choices. */
function meshLabels(document: ReportDocument): string[] {
  const ids = [...new Set(document.runs.map((run) => run.mesh))];
  return [...ids.filter((id) => id === "none"), ...ids.filter((id) => id !== "none")].map(meshLabel);
}

/**
 * Per service, at the load the meshes are compared at: the time the application spends per
 * visit and how busy it is, under each mesh, and the mesh's proxy in front of it; for runs that
 * report telemetry, the service's golden signals as `linkerd viz stat` prints them.
 */
function servicesTable(document: ReportDocument): string {
  const focus = focusRuns(document.runs).filter((run) => run.requests.completed > 0);
  const serviceOf = (station: string) => /^(app|external)\/(.+)$/.exec(station)?.[2];
  const services = [...new Set(focus.flatMap((run) => run.hops.map((hop) => serviceOf(hop.station)).filter((name): name is string => name !== undefined)))];
  if (services.length === 0 || focus.length === 0) return "";
  const head = ["service", ...focus.map((run) => seriesLabel(run))];
  // Each run's hops and signals looked up by name, the first of each kept (as find would): a scan per service was quadratic, 30 s at 20,000 services.
  const lookups = focus.map((run) => ({
    appOf: firstBy(run.hops, (hop) => serviceOf(hop.station)),
    hopAt: firstBy(run.hops, (hop) => hop.station),
    signalsOf: firstBy(run.telemetry?.services ?? [], (signals) => signals.service),
  }));
  const rows = services.map((service) => [
    escapeHtml(service),
    ...focus.map((_, index) => {
      const { appOf, hopAt, signalsOf } = lookups[index];
      const app = appOf.get(service);
      const proxy = hopAt.get(`sidecar/${service}`);
      if (!app) return "-";
      const own = `${formatMs(app.meanMs)} ms <span class="muted">(${Math.round(app.utilization * 100)}% busy)</span>`;
      const cell = proxy ? `${own}<br><span class="muted">sidecar ${formatMs(proxy.meanMs)} ms</span>` : own;
      const signals = signalsOf.get(service);
      return signals ? `${cell}<br>${goldenSignalsText(signals)}` : cell;
    }),
  ]);
  const withSignals = focus.some((run) => (run.telemetry?.services.length ?? 0) > 0);
  const signalsNote = withSignals
    ? " For runs with telemetry, the service's golden signals over the calls it served, as <code>linkerd viz stat</code> prints them: requests per second, success rate and p50 / p95 / p99 latency (every attempt, from the caller sending it to the response's return)."
    : "";
  return `<h2>Per service ${escapeHtml(loadPhrase(focus))}</h2>
<p class="muted">Time per visit to each service (queueing plus its own work), how busy it is, and, under sidecar meshes, the time per visit in its sidecar.${signalsNote}</p>
${table(head, rows, [])}`;
}

/** `items` by `keyOf` (undefined: left out), the first item of each key kept. */
function firstBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, item);
  }
  return byKey;
}

/** "197.8 rps, 100.00% ok, p50 / p95 / p99 9.26 / 21.0 / 30.7 ms". */
function goldenSignalsText(signals: ServiceSignals): string {
  const { p50, p95, p99 } = signals.latencyMs;
  const rate = signals.requestsPerSec.toLocaleString("en-US", { maximumFractionDigits: 1 });
  return `${rate} rps, ${(signals.successRate * 100).toFixed(2)}% ok, p50 / p95 / p99 ${formatMs(p50)} / ${formatMs(p95)} / ${formatMs(p99)} ms`;
}

function table(head: string[], rows: string[][], textColumns: number[]): string {
  const cell = (tag: string, value: string, index: number) => `<${tag}${index === 0 || textColumns.includes(index) ? ' class="text"' : ""}>${value}</${tag}>`;
  return `<div class="table-wrap"><table>
<thead><tr>${head.map((value, index) => cell("th", escapeHtml(value), index)).join("")}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map((value, index) => cell("td", value, index)).join("")}</tr>`).join("\n")}
</tbody></table></div>`;
}
