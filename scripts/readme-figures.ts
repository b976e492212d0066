/**
 * The README's figures (tables and example outputs of the examples it runs), made by running
 * the same commands through the library, so they cannot drift from the code: each sits between
 * `<!-- figure: name -->` and `<!-- /figure -->` in README.md. Run `npm run docs:figures` to
 * rewrite them; test/docs/readme-figures.test.ts fails when one is out of date.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  loadScenario,
  loadScenarioVariants,
  planRun,
  renderComparisonTable,
  runScenario,
  runSweep,
  type RunOptions,
  type RunSummary,
} from "../src/index.js";
import { clusterTrafficLines, formatMs, renderSweepTable, zoneTrafficLines } from "../src/report/index.js";

const ROOT = join(import.meta.dirname, "..");
export const README = join(ROOT, "README.md");

/** A figure: its README text, from simulations run with `options` (workers). */
export type Figure = (options: RunOptions) => Promise<string>;

/** Every figure of the README, by the name its markers carry. */
export const FIGURES: Record<string, Figure> = {
  "canary-run": async (options) => {
    const document = await runScenario(planRun(loadScenario(example("traffic/bookinfo-canary.yaml")), { meshes: ["istio", "linkerd2", "kuma"], replications: 2 }), options);
    const rows = tableRows(renderComparisonTable(document.runs), 10);
    const lines = document.runs.map((run) => JSON.stringify({ mesh: run.mesh, retries: run.traffic?.retries, byBackend: run.traffic?.hosts[0].byBackend }));
    return fenced([...rows, "", ...lines]);
  },
  "canary-sweep": async (options) => {
    const sweep = await canarySweep(options);
    const text = renderSweepTable(sweep);
    const bypassed = text.split("\n").filter((line) => line.includes("bypassed its traffic rule"));
    return fenced([...tableRows(text.split("\n\n")[0], 9), "", "warnings:", ...bypassed]);
  },
  "canary-unmeshed": async (options) => {
    const sweep = await canarySweep(options);
    const unmeshed = sweep.runs.find((run) => run.parameters?.["services.productpage.meshed"] === false)!;
    const reviews = unmeshed.traffic!.hosts.find((host) => host.host === "reviews")!;
    const v3 = reviews.byBackend["reviews-v3"].calls;
    const total = Object.values(reviews.byBackend).reduce((sum, backend) => sum + backend.calls, 0);
    return `v3 gets ${describeShare(v3 / total)} of the calls (${count(v3)} of ${count(total)}), and without the retries ${count(unmeshed.requests.failed)} requests fail with \`service-error\`.`;
  },
  "retry-storm": async (options) => {
    const document = await runScenario(
      planRun(loadScenario(example("traffic/retry-storm.yaml")), { meshes: ["none", "istio", "linkerd2"], rates: [150, 200, 250, 300] }),
      options,
    );
    const at = (mesh: string, rps: number) => document.runs.find((run) => run.mesh === mesh && run.rps === rps)!;
    const db = (run: RunSummary) => percent(run.hops.find((hop) => hop.station === "app/db")!.utilization);
    const rows = [150, 200, 250, 300].map((rps) => {
      const [none, istio, linkerd2] = [at("none", rps), at("istio", rps), at("linkerd2", rps)];
      return [
        String(rps),
        count(none.requests.completed + none.requests.failed),
        `${count(none.requests.failed)}, ${db(none)}`,
        `${count(istio.requests.failed)}, ${count(istio.traffic!.retries)}, ${count(istio.traffic!.timeouts)}, ${db(istio)}`,
        `${count(linkerd2.requests.failed)}, ${count(linkerd2.traffic!.retries)} (${count(linkerd2.traffic!.retriesDenied)}), ${count(linkerd2.traffic!.timeouts)}, ${db(linkerd2)}`,
      ];
    });
    return markdownTable(["rps", "requests", "none: failed, db", "istio: failed, retries, timeouts, db", "linkerd2: failed, retries (denied), timeouts, db"], rows);
  },
  "retry-storm-seeds": async (options) => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const scenario = loadScenario(example("traffic/retry-storm.yaml"));
    const row = async (mesh: string) => {
      const cells: string[] = [];
      for (const seed of seeds) {
        const [run] = (await runScenario(planRun(scenario, { meshes: [mesh], rates: [250], replications: 1, seed }), options)).runs;
        cells.push(`${count(run.requests.failed)} (${count(run.traffic!.retries)})`);
      }
      return [`${mesh}: failed (retries)`, ...cells];
    };
    return markdownTable(["seed", ...seeds.map(String)], [await row("istio"), await row("linkerd2")]);
  },
  "small-nodes": async (options) => {
    const document = await runScenario(planRun(loadScenario(example("nodes/small-nodes.yaml")), { meshes: ["none", "linkerd2", "istio"], rates: [400, 700, 1000], replications: 2 }), options);
    const picks: Array<[string, number]> = [["none", 1000], ["linkerd2", 1000], ["istio", 400], ["istio", 1000]];
    const rows = picks.map(([mesh, rps]) => {
      const run = document.runs.find((candidate) => candidate.mesh === mesh && candidate.rps === rps)!;
      const busiest = run.nodes!.reduce((a, b) => (b.cpuUtilization > a.cpuUtilization ? b : a));
      const web = run.hops.find((hop) => hop.station === "app/web")!;
      return [mesh, String(rps), formatMs(run.latencyMs.p50), formatMs(run.latencyMs.p99), formatMs(web.meanMs), percent(busiest.cpuUtilization), `${busiest.cpuByUser.app.toFixed(2)} / ${round2(busiest.cpuByUser.mesh)}`];
    });
    return markdownTable(["mesh", "rps", "p50 ms", "p99 ms", "app/web per visit, ms", "busiest node", "its cores used by app / mesh"], rows);
  },
  "three-zones": async (options) => {
    const meshes = ["none", "istio", "istio-ambient", "linkerd2", "kuma", "cilium"];
    const document = await runScenario(planRun(loadScenario(example("zones/three-zones.yaml")), { meshes }), options);
    const rows = tableRows(renderComparisonTable(document.runs), 6);
    return fenced([...rows, ...zoneTrafficLines(document.runs, (run) => `${run.rps} rps`)]);
  },
  "two-regions": async (options) => {
    const meshes = ["none", "istio", "istio-ambient", "linkerd2", "cilium", "consul", "kuma", "linkerd1"];
    const document = await runScenario(planRun(loadScenario(example("clusters/two-regions.yaml")), { meshes }), options);
    const rows = tableRows(renderComparisonTable(document.runs), 6);
    return fenced([...rows, ...clusterTrafficLines(document.runs, (run) => `${run.rps} rps`)]);
  },
  "proxy-limit": async (options) => {
    const limits = [2, 0.25, 0.23];
    const path = "mesh.overrides.istio.dataPlane.proxy.resources.cpuLimit";
    const sweep = await runSweep(
      { variants: loadScenarioVariants(example("nodes/proxy-limit.yaml"), [{ path, values: limits }]), settings: [{ path, values: limits }], meshes: ["istio"], loadPoints: { rates: [700] }, replications: 2, seed: 1 },
      options,
    );
    const rows = sweep.runs.map((run, index) => {
      const throttling = run.hops.find((hop) => hop.station === "sidecar/web")!.throttling!;
      const share = percent(throttling.periods === 0 ? 0 : throttling.throttledPeriods / throttling.periods);
      return [String(run.parameters![path]), formatMs(run.latencyMs.p50), formatMs(run.latencyMs.p99), formatMs(run.latencyMs.p999), index === 0 ? `${share} of periods` : share];
    });
    return markdownTable(["sidecar cpuLimit", "p50 ms", "p99 ms", "p99.9 ms", "web sidecars throttled in"], rows);
  },
};

/**
 * `readme` with the text of each figure in `figures` between its markers.
 * @throws Error naming a figure whose markers are missing
 */
export function withFigures(readme: string, figures: Record<string, string>): string {
  let text = readme;
  for (const [name, figure] of Object.entries(figures)) {
    const pattern = markerPattern(name);
    if (!pattern.test(text)) throw new Error(`README.md has no <!-- figure: ${name} --> ... <!-- /figure --> markers`);
    text = text.replace(pattern, (_match, open: string, _old: string, close: string) => `${open}\n${figure}\n${close}`);
  }
  return text;
}

/**
 * The text between a figure's markers in `readme`, as withFigures puts it.
 * @example figureIn(readme, "retry-storm")
 */
export function figureIn(readme: string, name: string): string | undefined {
  const match = markerPattern(name).exec(readme);
  return match ? match[2].replace(/^\n/, "").replace(/\n$/, "") : undefined;
}

// --- internal ---

function markerPattern(name: string): RegExp {
  return new RegExp(`(<!-- figure: ${name.replace(/[-]/g, "\\-")} -->)([\\s\\S]*?)(<!-- /figure -->)`);
}

let canary: ReturnType<typeof runSweep> | undefined;
/** The canary sweep, run once for the two figures that read it. */
function canarySweep(options: RunOptions): ReturnType<typeof runSweep> {
  const path = "services.productpage.meshed";
  canary ??= runSweep(
    { variants: loadScenarioVariants(example("traffic/bookinfo-canary.yaml"), [{ path, values: [true, false] }]), settings: [{ path, values: [true, false] }], meshes: ["istio"], replications: 2, seed: 1 },
    options,
  );
  return canary;
}

function example(path: string): string {
  return join(ROOT, "examples", path);
}

/** The │ rows of a plain-text table, cut after `columns` columns and marked as cut. */
function tableRows(table: string, columns: number): string[] {
  return table
    .split("\n")
    .filter((line) => line.startsWith("│"))
    .map((line) => `${line.split("│").slice(0, columns + 1).join("│")}│ ...`);
}

function fenced(lines: string[]): string {
  return ["```", ...lines, "```"].join("\n");
}

function markdownTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function round2(value: number): string {
  return value === 0 ? "0" : value.toFixed(2);
}

function describeShare(share: number): string {
  return Math.abs(share - 1 / 3) < 0.02 ? "a third" : percent(share);
}

/** Rewrites README.md's figures: `npm run docs:figures`. */
async function main(): Promise<void> {
  const figures: Record<string, string> = {};
  for (const [name, figure] of Object.entries(FIGURES)) figures[name] = await figure({});
  writeFileSync(README, withFigures(readFileSync(README, "utf8"), figures));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
