/**
 * Shared reading of runs for charts: a run's series (mesh, plus `--set` values in a sweep),
 * the load at which the per-load charts compare meshes, and labels.
 */

import type { SweepRun } from "../sweep/index.js";
import { meshLabel } from "./mesh-style.js";

/** A `runs[]` entry as charts read it: a run, or a sweep's run with its `--set` values. */
export type ChartRun = SweepRun;

/**
 * The label of a run's `--set` values ("services.2.replicas=2"), empty without them.
 * @example variantLabel({ parameters: { "load.durationS": 10 } }) // "load.durationS=10"
 */
export function variantLabel(run: Pick<ChartRun, "parameters">): string {
  return run.parameters === undefined ? "" : Object.entries(run.parameters).map(([path, value]) => `${path}=${value}`).join(", ");
}

/**
 * What a chart calls a run's series: the mesh's name, then its `--set` values if any, each path
 * cut to its last two parts (three when the middle one is a list index) to fit an axis label.
 * @example seriesLabel({ mesh: "istio", parameters: { "services.payment.replicas": 2 } }) // "Istio (payment.replicas=2)"
 */
export function seriesLabel(run: Pick<ChartRun, "mesh" | "parameters">): string {
  if (run.parameters === undefined) return meshLabel(run.mesh);
  const short = Object.entries(run.parameters).map(([path, value]) => {
    const segments = path.split(".");
    const keep = segments.length >= 2 && /^\d+$/.test(segments.at(-2)!) ? 3 : 2;
    return `${segments.slice(-keep).join(".")}=${value}`;
  });
  return `${meshLabel(run.mesh)} (${short.join(", ")})`;
}

/** Series labels in the order the runs first show them, the baseline first. */
export function seriesOrder(runs: ChartRun[]): string[] {
  const baselineFirst = [...runs.filter((run) => run.mesh === "none"), ...runs.filter((run) => run.mesh !== "none")];
  return [...new Set(baselineFirst.map(seriesLabel))];
}

/** Mesh ids in the order the runs first show them, the baseline first. */
export function meshOrder(runs: ChartRun[]): string[] {
  const ids = [...new Set(runs.map((run) => run.mesh))];
  return [...ids.filter((id) => id === "none"), ...ids.filter((id) => id !== "none")];
}

/**
 * The runs the per-load charts compare: one per series, at the highest load every series ran
 * at (the load where meshes differ most while all still keep up); a series that never ran
 * there contributes its own highest load instead.
 * @example focusRuns(document.runs).map((run) => run.rps)
 */
export function focusRuns(runs: ChartRun[]): ChartRun[] {
  const bySeries = new Map<string, ChartRun[]>();
  for (const run of runs) bySeries.set(seriesLabel(run), [...(bySeries.get(seriesLabel(run)) ?? []), run]);
  const loadSets = [...bySeries.values()].map((list) => new Set(list.map((run) => run.rps)));
  const common = [...loadSets[0] ?? []].filter((rps) => loadSets.every((set) => set.has(rps)));
  const focus = common.length > 0 ? Math.max(...common) : undefined;
  return [...bySeries.values()].map((list) => list.find((run) => run.rps === focus) ?? list.reduce((a, b) => (b.rps > a.rps ? b : a)));
}

/**
 * "at 160 requests/s" when the runs share one load, else "at each mesh's highest load"; a
 * closed loop's load is its users and the throughput they achieved.
 * @example loadPhrase(focusRuns(runs))
 */
export function loadPhrase(runs: Array<Pick<ChartRun, "rps" | "users" | "throughputPerSec">>): string {
  const closed = runs.filter((run) => run.users !== undefined);
  if (closed.length > 0 && closed.length === runs.length) {
    const users = [...new Set(closed.map((run) => run.users!))];
    return `with ${users.length === 1 ? users[0] : users.join(" / ")} users (closed loop, ${achievedRange(closed)} requests/s achieved)`;
  }
  const loads = [...new Set(runs.map((run) => run.rps))];
  return loads.length === 1 ? `at ${formatRps(loads[0])} requests/s` : "at each mesh's highest load";
}

/**
 * A run's load in words: the offered rate, or a closed loop's users and the rate they achieved.
 * @example loadLabel({ rps: 0, users: 8, throughputPerSec: 683 }) // "8 users (683 requests/s achieved)"
 */
export function loadLabel(run: Pick<ChartRun, "rps" | "users" | "throughputPerSec">): string {
  return run.users === undefined ? `${formatRps(run.rps)} requests/s` : `${run.users} users (${formatRps(run.throughputPerSec)} requests/s achieved)`;
}

/**
 * Runs' loads for "mesh @ …" lines: "100, 200 rps", or a closed loop's "8 users".
 * @example loadsText([{ rps: 100 }, { rps: 200 }]) // "100, 200 rps"
 */
export function loadsText(runs: Array<Pick<ChartRun, "rps" | "users">>): string {
  const closed = [...new Set(runs.filter((run) => run.users !== undefined).map((run) => run.users!))];
  const open = [...new Set(runs.filter((run) => run.users === undefined).map((run) => run.rps))];
  return [...(open.length > 0 ? [`${open.map(formatRps).join(", ")} rps`] : []), ...closed.map((users) => `${users} users`)].join(", ");
}

/** A load with thousands separators and at most one decimal. */
export function formatRps(rps: number): string {
  return rps.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

/**
 * A log-scale domain around `values` with a little room at both ends (a nice domain would
 * round out to whole decades and squash the data into a strip).
 * @example logDomain([8.4, 58]) // [7, 69.6]
 */
export function logDomain(values: number[]): [number, number] {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  if (positive.length === 0) return [0.1, 1];
  const low = Math.min(...positive);
  const high = Math.max(...positive);
  return [roundTo3(low / LOG_MARGIN), roundTo3(high * LOG_MARGIN)];
}

/**
 * Tick values for a log axis over `domain` that label the data's whole range: 1-2-5 steps in
 * the domain, and the data's largest (and smallest) value, two significant figures, when the
 * steps stop well short of it (vega alone may label a log axis only to 300 when the data reach 766).
 * @example logAxisValues([0.5, 766], logDomain([0.5, 766])) // [0.5, 1, 2, 5, ..., 200, 500, 770]
 */
export function logAxisValues(values: number[], domain: [number, number]): number[] {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  const ticks: number[] = [];
  for (let decade = Math.floor(Math.log10(domain[0])); decade <= Math.ceil(Math.log10(domain[1])); decade++) {
    for (const step of [1, 2, 5]) {
      const tick = Number((step * 10 ** decade).toPrecision(1));
      if (tick >= domain[0] && tick <= domain[1]) ticks.push(tick);
    }
  }
  if (positive.length === 0) return ticks;
  const high = Number(Math.max(...positive).toPrecision(2));
  const low = Number(Math.min(...positive).toPrecision(2));
  // A label within a quarter of a step of the last (first) one would print on top of it.
  if (ticks.length === 0 || high > ticks[ticks.length - 1] * LABEL_GAP) ticks.push(high);
  if (low < ticks[0] / LABEL_GAP) ticks.unshift(low);
  return ticks;
}

// --- internal ---

/** How far apart (a ratio) two labels of a log axis must be to both print. */
const LABEL_GAP = 1.25;

function achievedRange(runs: Array<Pick<ChartRun, "throughputPerSec">>): string {
  const rates = runs.map((run) => run.throughputPerSec);
  const low = Math.min(...rates);
  const high = Math.max(...rates);
  return low === high ? formatRps(low) : `${formatRps(low)}-${formatRps(high)}`;
}

/** Room left beyond the data on a log axis: a factor of 1.2 each way. */
const LOG_MARGIN = 1.2;

function roundTo3(value: number): number {
  return Number(value.toPrecision(3));
}
