/**
 * report.html's telemetry views, for runs that report telemetry: the service graph of each mesh
 * at the load the meshes are compared at (as Kiali draws it), and what the telemetry costs, the
 * monitoring stack apart from the mesh.
 */

import { escapeHtml } from "./_escape-html.js";
import { focusRuns, loadPhrase, seriesLabel, type ChartRun } from "./_chart-data.js";
import { describeTelemetry } from "./telemetry-lines.js";
import { renderServiceGraphSvg } from "./service-graph-svg.js";
import type { ReportDocument } from "./report-document.js";

/**
 * The service graph of each compared run that carries one, with a legend; empty when none does.
 * @example serviceGraphsHtml(document) // "<h2>Service graph at 100 rps</h2>…<svg…"
 */
export function serviceGraphsHtml(document: ReportDocument): string {
  const focus = focusRuns(document.runs).filter((run: ChartRun) => run.telemetry !== undefined);
  if (focus.length === 0) return "";
  const graphs = focus.map((run) => `<figure aria-label="service graph of ${escapeHtml(seriesLabel(run))}">${renderServiceGraphSvg(run.telemetry!.graph, seriesLabel(run))}</figure>`);
  const costs = focus.map((run) => `<li><strong>${escapeHtml(seriesLabel(run))}</strong>: ${escapeHtml(describeTelemetry(run.telemetry!))}</li>`);
  return `<h2>Service graph ${escapeHtml(loadPhrase(focus))}</h2>
<p class="muted">As the mesh's dashboard draws it: calls per second on each arrow, with their p99 latency; solid and marked mTLS: encrypted by the mesh; dashed: plaintext; red: calls to a service that fails some of them; grey boxes with a dashed border: no mesh proxy.</p>
${graphs.join("\n")}
<h3>What the telemetry costs</h3>
<ul>
${costs.join("\n")}
</ul>`;
}
