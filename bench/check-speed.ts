/**
 * `npm run bench:check`: the simulator's own performance gate. Runs short M/M/1 and robot-shop
 * cases, each in several processes of a few rounds beside a reference loop (the cases take turns,
 * so a spell of load on the machine falls on all of them alike), and fails (exit 3) when a case's
 * speed relative to that loop, the median over all its rounds, falls more than the tolerance below
 * the committed baseline (bench/results/speed-baseline.json). Flags: `--update` saves this run as
 * the baseline, `--tolerance <pct>` (default 20), `--rounds <n>` per process (default 5),
 * `--processes <n>` per case (default 3).
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { combineRounds, compareSpeed, DEFAULT_TOLERANCE_PCT, formatSpeedTable, type SpeedReport, type SpeedResult, type SpeedRounds } from "./speed-gate.js";

// dist/bench/check-speed.js -> <package>/bench/results/, next to the sources.
const RESULTS_DIR = fileURLToPath(new URL("../../bench/results/", import.meta.url));
const BASELINE = `${RESULTS_DIR}speed-baseline.json`;
const EXIT_BAD_INPUT = 2;
const EXIT_CHECK_FAILED = 3;

/** Sized for about 0.3 s per round on one core: long enough for a steady rate, short for CI. */
const CASES = [
  { case: "mm1", requests: 1e6 },
  // The same queue on the core alone (event queue, Station, samplers, histogram): what mm1 could
  // reach if the request flow and the runner cost nothing.
  { case: "mm1-core", requests: 2e6 },
  { case: "robot-shop", requests: 2e5 },
  // With the machines robot-shop declares: every hop runs through the node CPU model.
  { case: "robot-shop-machines", requests: 1e5 },
  // Under Istio's sidecars, where users' runs spend their time: without machines and with them.
  { case: "robot-shop-istio", requests: 5e4 },
  { case: "robot-shop-istio-machines", requests: 3e4 },
];

const options = parseFlags(process.argv.slice(2));
const rounds: SpeedRounds[][] = CASES.map(() => []);
for (let turn = 0; turn < options.processes; turn++) {
  CASES.forEach((speedCase, index) => {
    console.error(`running ${speedCase.case} (${speedCase.requests.toExponential()} requests x ${options.rounds} rounds, with the reference loop; process ${turn + 1} of ${options.processes})...`);
    rounds[index].push(runSpeedCase(speedCase.case, speedCase.requests, options.rounds));
  });
}
const results: SpeedResult[] = rounds.map((lines) => combineRounds(lines));
const report: SpeedReport = {
  schemaVersion: 1,
  generatedAt: new Date().toISOString(),
  host: { cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism(), node: process.versions.node, platform: process.platform },
  cases: results,
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}latest-speed.json`, `${JSON.stringify(report, null, 2)}\n`);
if (options.update) {
  writeFileSync(BASELINE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatSpeedTable(results, compareSpeed(results, undefined, options.tolerancePct), options.tolerancePct));
  console.error(`wrote ${BASELINE}`);
} else {
  if (!existsSync(BASELINE)) {
    console.error(`no baseline at ${BASELINE}: make one with npm run bench:check -- --update`);
    process.exit(EXIT_BAD_INPUT);
  }
  const baseline = JSON.parse(readFileSync(BASELINE, "utf8")) as SpeedReport;
  const comparison = compareSpeed(results, baseline, options.tolerancePct);
  console.log(formatSpeedTable(results, comparison, options.tolerancePct));
  if (comparison.failing) process.exitCode = EXIT_CHECK_FAILED;
}

// --- internal ---

function parseFlags(argv: string[]): { update: boolean; tolerancePct: number; rounds: number; processes: number } {
  const flags = { update: false, tolerancePct: DEFAULT_TOLERANCE_PCT, rounds: 5, processes: 3 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--update") flags.update = true;
    else if (argv[i] === "--tolerance" && Number(value?.replace(/%$/, "")) > 0) flags.tolerancePct = Number(argv[++i].replace(/%$/, ""));
    else if (argv[i] === "--rounds" && Number.isInteger(Number(value)) && Number(value) >= 1) flags.rounds = Number(argv[++i]);
    else if (argv[i] === "--processes" && Number.isInteger(Number(value)) && Number(value) >= 1) flags.processes = Number(argv[++i]);
    else {
      console.error(`bad option ${argv[i]}${value !== undefined && !value.startsWith("--") ? ` ${value}` : ""} (options: --update, --tolerance <pct above 0>, --rounds <n >= 1>, --processes <n >= 1>)`);
      process.exit(EXIT_BAD_INPUT);
    }
  }
  return flags;
}

function runSpeedCase(name: string, requests: number, rounds: number): SpeedRounds {
  const script = fileURLToPath(new URL("./speed-case.js", import.meta.url));
  const args = [script, "--case", name, "--requests", String(requests), "--rounds", String(rounds)];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (child.status !== 0) throw new Error(`case ${name} failed (exit ${child.status ?? child.signal}); its output:\n${child.stdout}`);
  const line = child.stdout.trim().split("\n").filter((text) => text.startsWith("{")).pop();
  if (line === undefined) throw new Error(`case ${name} printed no JSON line; its output:\n${child.stdout}`);
  return JSON.parse(line) as SpeedRounds;
}
