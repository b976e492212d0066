/**
 * The benchmark's entry (`npm run bench`): runs every case in its own process, prints the table
 * and writes bench/results/latest.json (and baseline.json with `--baseline`).
 * Flags: `--quick` divides every size by 100; `--baseline` also saves this run as the baseline.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { listBenchCases } from "./bench-cases.js";
import { createBenchReport, type BenchReport } from "./bench-report.js";
import type { BenchResult, CommandTimings, PoolOverheadResult, ScalingResult } from "./bench-result.js";
import { formatBenchTable } from "./format-bench-table.js";
import { runCase } from "./run-case.js";
import { runSimpySideBySide } from "./simpy-side-by-side.js";

// dist/bench/run-bench.js -> <package>/bench/results/, next to the sources, not in dist/.
const RESULTS_DIR = fileURLToPath(new URL("../../bench/results/", import.meta.url));

const argv = process.argv.slice(2);
const unknown = argv.filter((flag) => flag !== "--quick" && flag !== "--baseline");
if (unknown.length > 0) {
  console.error(`unknown option ${unknown[0]} (options: --quick, --baseline)`);
  process.exit(2);
}
const quick = argv.includes("--quick");
const saveBaseline = argv.includes("--baseline");

const cases: BenchResult[] = [];
let scaling: ScalingResult | undefined;
let meshedScaling: ScalingResult | undefined;
let poolOverhead: PoolOverheadResult | undefined;
let commands: CommandTimings | undefined;
for (const benchCase of listBenchCases({ quick })) {
  console.error(`running ${benchCase.name} (${benchCase.requests.toExponential()} requests)...`);
  const result = runCase(benchCase);
  if (benchCase.kind === "scaling" && benchCase.meshId) meshedScaling = result as ScalingResult;
  else if (benchCase.kind === "scaling") scaling = result as ScalingResult;
  else if (benchCase.kind === "overhead") poolOverhead = result as PoolOverheadResult;
  else if (benchCase.kind === "commands") commands = result as CommandTimings;
  else cases.push(result as BenchResult);
}

console.error("running SimPy's M/M/1 beside meshsim's, if a SimPy is installed...");
const simpySideBySide = runSimpySideBySide(quick ? 1e4 : 1e6, 3);

const report = createBenchReport({
  cases,
  scaling,
  meshedScaling,
  poolOverhead,
  commands,
  simpySideBySide,
  quick,
  generatedAt: new Date().toISOString(),
  host: { cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism(), node: process.versions.node, platform: process.platform },
});
const baselinePath = `${RESULTS_DIR}baseline.json`;
const baseline = existsSync(baselinePath) && !saveBaseline ? (JSON.parse(readFileSync(baselinePath, "utf8")) as BenchReport) : undefined;
console.log(formatBenchTable(report, baseline?.quick === quick ? baseline : undefined));

mkdirSync(RESULTS_DIR, { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync(`${RESULTS_DIR}latest.json`, json);
if (saveBaseline) writeFileSync(baselinePath, json);
console.error(`wrote ${RESULTS_DIR}latest.json${saveBaseline ? " and baseline.json" : ""}`);
