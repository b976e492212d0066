/**
 * The report's lists beside its tables: loads a sweep did not simulate, meshes a run left out,
 * the runs' warnings, and the footer that says what wrote the page.
 */

import { formatRps, seriesLabel, variantLabel } from "./_chart-data.js";
import { escapeHtml } from "./_escape-html.js";
import { meshLabel } from "./mesh-style.js";
import type { ReportDocument } from "./report-document.js";

/** A sweep's overloaded points: at these loads a station would be at or above 100% busy. */
export function overloaded(document: ReportDocument): string {
  const points = document.sweep?.overloaded ?? [];
  if (points.length === 0) return "";
  const items = points.map((point) => {
    const variant = variantLabel(point);
    return `<li><strong>${escapeHtml(meshLabel(point.mesh))}${variant ? ` (${escapeHtml(variant)})` : ""} at ${formatRps(point.rps)} requests/s</strong>: ${escapeHtml(point.reason)}</li>`;
  });
  return `<h2>Loads not simulated</h2>
<p class="muted">At these loads a station would be at or above 100% busy, so queues grow without bound; higher loads were not tried for the same mesh.</p>
<ul class="warnings">${items.join("")}</ul>`;
}

/** The meshes `--mesh all` left out, each with the reason. */
export function skippedMeshes(document: ReportDocument): string {
  const skipped = document.skippedMeshes ?? [];
  if (skipped.length === 0) return "";
  const items = skipped.map((entry) => {
    const variant = variantLabel(entry);
    return `<li><strong>${escapeHtml(meshLabel(entry.mesh))}${variant ? ` (${escapeHtml(variant)})` : ""}</strong>: ${escapeHtml(entry.reason)}</li>`;
  });
  return `<h2>Meshes not run</h2>
<p class="muted">Every mesh was asked for (<code>--mesh all</code>); these cannot express the run's settings, or their proxies cannot carry its load, so they were left out rather than approximated.</p>
<ul class="warnings">${items.join("")}</ul>`;
}

/** Each warning once, with the runs that raised it. */
export function warnings(document: ReportDocument): string {
  const byText = new Map<string, string[]>();
  for (const run of document.runs) {
    for (const warning of run.warnings) byText.set(warning, [...(byText.get(warning) ?? []), `${seriesLabel(run)} @ ${run.users === undefined ? formatRps(run.rps) : `${run.users} users`}`]);
  }
  if (byText.size === 0) return `<h2>Warnings</h2>\n<p class="muted">None.</p>`;
  const items = [...byText].map(([text, where]) => `<li>${escapeHtml(text)} <span class="muted">(${escapeHtml(where.join(", "))})</span></li>`);
  return `<h2>Warnings</h2>\n<ul class="warnings">${items.join("")}</ul>`;
}

/** What wrote the page, on what, in how long. */
export function footer(document: ReportDocument): string {
  const meta = document.meta;
  if (!meta) return "";
  return `<p class="muted" style="margin-top:40px">Written by meshsim ${escapeHtml(meta.version)} in ${meta.wallSeconds} s of wall time on ${escapeHtml(`${meta.host.platform}/${meta.host.arch}, ${meta.host.cpus} CPUs, Node ${meta.host.node}`)}. The results depend only on the inputs and the seed.</p>`;
}
