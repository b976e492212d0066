/**
 * The report's findings: the two or three sentences a reader can quote (failing meshes first,
 * then what the meshes add and cost at the focus load, and the SLO capacities of a sweep).
 */

import { describeFailure, failingRuns, type RunFailure } from "../runner/index.js";
import { focusRuns, formatRps, loadLabel, loadPhrase, loadsText, seriesLabel, variantLabel } from "./_chart-data.js";
import { escapeHtml } from "./_escape-html.js";
import { meshMemory, meshVcpu, signedMs } from "./_report-html-numbers.js";
import { addedLatency, isWithinNoise, latencyHalfWidth } from "./added-latency.js";
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
    if (comparable.length > 0) items.push(addedP99Finding(baseline, comparable));
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

type Run = ReportDocument["runs"][number];

/**
 * What the meshes add to p99 over no mesh at `baseline`'s load, ranking them only as far as
 * the 95% intervals of their differences tell them apart (added-latency's latencyHalfWidth,
 * paired over the replications, for two meshes as for a mesh and no mesh): the least and the most are each the
 * group within noise of the lowest and of the highest, and no order at all when those two are
 * within noise of each other. Without intervals (one replication), no order.
 */
function addedP99Finding(baseline: Run, meshed: Run[]): string {
  const at = `At ${loadLabel(baseline)}`;
  const added = meshed.map((run) => ({ run, ...addedLatency(run.latencyMs, baseline.latencyMs, "p99") })).sort((a, b) => a.ms - b.ms);
  type Entry = (typeof added)[number];
  const name = (entry: Entry) => escapeHtml(meshLabel(entry.run.mesh));
  const describe = (entry: Entry) =>
    entry.halfWidthMs === null
      ? `${name(entry)} (${signedMs(entry.ms)} ms)`
      : `${name(entry)} (${figure(entry)}${isWithinNoise(entry) ? ", within noise of no mesh" : `, ${formatMs(entry.run.latencyMs.p99)} ms against ${formatMs(baseline.latencyMs.p99)} ms`})`;
  if (added.some((entry) => entry.halfWidthMs === null)) {
    const figures = meshed.map((run) => describe(added.find((entry) => entry.run === run)!)).join(", ");
    return `${at}, p99 over no mesh: ${figures}; one replication gives no interval to tell these from noise, so they rank nothing (--replications 2 or more gives one).`;
  }
  if (added.length === 1) {
    const [only] = added;
    return isWithinNoise(only)
      ? `${at}, ${name(only)}'s p99 is within noise of no mesh's (${figure(only)}${only.halfWidthMs === 0 ? "" : " at 95%"}).`
      : `${at}, on p99 over no mesh: ${describe(only)}.`;
  }
  const gap = (a: Entry, b: Entry) => ({ ms: b.ms - a.ms, halfWidthMs: latencyHalfWidth(b.run.latencyMs, a.run.latencyMs, "p99") });
  const [lowest, highest] = [added[0], added.at(-1)!];
  const extremes = gap(lowest, highest);
  if (isWithinNoise(extremes)) {
    const within = extremes.halfWidthMs === 0 ? "in every replication" : `within the 95% interval of that difference (±${formatMs(extremes.halfWidthMs!)} ms)`;
    return `${at}, no mesh's added p99 stands out from another's: ${describe(lowest)} and ${describe(highest)} differ by ${formatMs(extremes.ms)} ms, ${within}.`;
  }
  const least = added.filter((entry) => isWithinNoise(gap(lowest, entry)));
  const most = added.filter((entry) => isWithinNoise(gap(entry, highest)));
  const group = (entries: Entry[]) => (entries.length === 1 ? describe(entries[0]) : `one of ${entries.map(describe).join(", ")} (within noise of each other)`);
  return `${at}, the mesh adding least to p99 is ${group(least)}; the most, ${group(most)}.`;
}

/** An added latency with its interval: "+6.79 ± 4.25 ms", or "+6.79 ms in every replication" when the interval has zero width. */
function figure(added: { ms: number; halfWidthMs: number | null }): string {
  return added.halfWidthMs === 0 ? `${signedMs(added.ms)} ms in every replication` : `${signedMs(added.ms)} ± ${formatMs(added.halfWidthMs ?? NaN)} ms`;
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
