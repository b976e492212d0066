/**
 * The report's findings: the two or three sentences a reader can quote (failing meshes first,
 * then what the meshes add and cost at the focus load, and the SLO capacities of a sweep).
 */

import { describeFailure, failingRuns, type RunFailure } from "../runner/index.js";
import { focusRuns, formatRps, loadLabel, loadPhrase, loadsText, seriesLabel, variantLabel } from "./_chart-data.js";
import { escapeHtml } from "./_escape-html.js";
import { meshMemory, meshVcpu, signedMs } from "./_report-html-numbers.js";
import { formatCount, formatMs } from "./format-number.js";
import { meshLabel } from "./mesh-style.js";
import type { ReportDocument } from "./report-document.js";

/** Two or three sentences a reader can quote: what the meshes add and cost at the focus load. */
export function findings(document: ReportDocument): string {
  // Failing runs are named first and ranked on nothing: what they do not serve costs nothing.
  const failing = failingRuns(document.runs);
  const items: string[] = failingFindings(failing);
  const focus = focusRuns(document.runs.filter((run) => !failing.has(run)));
  const baseline = focus.find((run) => run.mesh === "none" && variantLabel(run) === "");
  const meshed = focus.filter((run) => run.mesh !== "none");
  if (baseline && meshed.length > 0) {
    const comparable = meshed.filter((run) => run.rps === baseline.rps && variantLabel(run) === "");
    const added = comparable.map((run) => ({ run, ms: run.latencyMs.p99 - baseline.latencyMs.p99 })).sort((a, b) => a.ms - b.ms);
    if (added.length > 0) {
      const least = added[0];
      const most = added.at(-1)!;
      const describe = (entry: { run: (typeof meshed)[number]; ms: number }) =>
        `${escapeHtml(meshLabel(entry.run.mesh))} (${signedMs(entry.ms)} ms, ${formatMs(entry.run.latencyMs.p99)} ms against ${formatMs(baseline.latencyMs.p99)} ms)`;
      items.push(
        added.length === 1
          ? `At ${loadLabel(baseline)}, ${describe(least)} on p99 over no mesh.`
          : `At ${loadLabel(baseline)}, the mesh adding least to p99 is ${describe(least)}; the most, ${describe(most)}.`,
      );
    }
  }
  if (meshed.length > 1) {
    const byCpu = [...meshed].sort((a, b) => meshVcpu(a) - meshVcpu(b));
    const byMemory = [...meshed].sort((a, b) => meshMemory(a) - meshMemory(b));
    items.push(
      `Mesh CPU ${escapeHtml(loadPhrase(meshed))} ranges from ${meshVcpu(byCpu[0]).toFixed(2)} vCPU (${escapeHtml(seriesLabel(byCpu[0]))}) to ${meshVcpu(byCpu.at(-1)!).toFixed(2)} vCPU (${escapeHtml(seriesLabel(byCpu.at(-1)!))}); memory from ${formatCount(meshMemory(byMemory[0]))} MB (${escapeHtml(seriesLabel(byMemory[0]))}) to ${formatCount(meshMemory(byMemory.at(-1)!))} MB (${escapeHtml(seriesLabel(byMemory.at(-1)!))}).`,
    );
  }
  const slo = document.sweep?.slo;
  const capacities = (document.sweep?.capacity ?? []).filter((entry) => entry.parameters === undefined);
  const meshCapacities = capacities.filter((entry) => entry.mesh !== "none").sort((a, b) => (b.maxRps ?? 0) - (a.maxRps ?? 0));
  if (slo && meshCapacities.length > 0) {
    const load = (entry: (typeof capacities)[number]) => (entry.maxRps === null ? "none of the loads tried" : `${formatRps(entry.maxRps)} requests/s`);
    const baseline = capacities.find((entry) => entry.mesh === "none");
    const without = baseline ? ` (without a mesh: ${load(baseline)})` : "";
    const [most, least] = [meshCapacities[0], meshCapacities.at(-1)!];
    items.push(
      most.maxRps === least.maxRps
        ? `Within the SLO ${escapeHtml(slo.text)}, ${meshCapacities.length === 1 ? escapeHtml(meshLabel(most.mesh)) : "every mesh"} takes ${load(most)}${without}.`
        : `Within the SLO ${escapeHtml(slo.text)}, ${escapeHtml(meshLabel(most.mesh))} takes the most load, ${load(most)}, and ${escapeHtml(meshLabel(least.mesh))} the least, ${load(least)}${without}.`,
    );
  }
  return items.length === 0 ? "" : `<ul class="findings">${items.map((item) => `<li>${item}</li>`).join("")}</ul>`;
}

/** One finding per failing series: where it fails, how much and why. */
function failingFindings(failing: Map<ReportDocument["runs"][number], RunFailure>): string[] {
  const bySeries = new Map<string, { loads: ReportDocument["runs"]; failures: string[] }>();
  for (const [run, failure] of failing) {
    const entry = bySeries.get(seriesLabel(run)) ?? { loads: [], failures: [] };
    entry.loads.push(run);
    entry.failures.push(describeFailure(failure));
    bySeries.set(seriesLabel(run), entry);
  }
  return [...bySeries].map(([series, { loads, failures }]) => {
    const reasons = [...new Set(failures)];
    return `<strong class="fail">${escapeHtml(series)} fails requests</strong> at ${escapeHtml(loadsText(loads).replace(/ rps\b/, " requests/s"))}: ${escapeHtml(reasons.join("; "))}. It is left out of every comparison of latency and cost below.`;
  });
}
