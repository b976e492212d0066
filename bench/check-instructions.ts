/**
 * `npm run bench:instructions`: the simulator's work per request, counted rather than timed (see
 * instruction-gate.ts). Runs each case twice under valgrind's cachegrind, at a smaller and a larger
 * number of requests, and fails (exit 3) when a case runs more than the tolerance more
 * instructions per request than the committed baseline
 * (bench/results/instructions-baseline.json). Needs valgrind (`apt-get install valgrind`); exit 2
 * without it. Flags: `--update` saves this run as the baseline, `--tolerance <pct>` (default 2),
 * `--case <name>` counts that case alone (repeatable; with `--update`, only its line changes).
 * Counted on another CPU, Node or valgrind than the baseline, the table is shown but not judged.
 * A count does not depend on the machine's load, so each case's two runs go at once.
 */

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import {
  compareInstructions,
  DEFAULT_INSTRUCTION_TOLERANCE_PCT,
  formatInstructionTable,
  hostMismatch,
  instructionsPerRequest,
  parseInstructionCount,
  type InstructionReport,
  type InstructionResult,
} from "./instruction-gate.js";

// dist/bench/check-instructions.js -> <package>/bench/results/, next to the sources.
const RESULTS_DIR = fileURLToPath(new URL("../../bench/results/", import.meta.url));
const BASELINE = `${RESULTS_DIR}instructions-baseline.json`;
const EXIT_BAD_INPUT = 2;
const EXIT_CHECK_FAILED = 3;
/** Untimed requests before each counted run, so V8 has compiled the hot paths in both runs alike. */
const WARMUP_REQUESTS = 2e4;

/**
 * The larger run's requests over the smaller's: the span between them divides what still varies
 * from one process to the next (about 1e4 instructions of billions) into next to nothing a request.
 */
const LARGER = 4;

/**
 * The speed gate's cases, node-cpu-core and two samplers' draws, sized for 5-60 s each under
 * valgrind (about 50 times slower than Node alone), each from its one-file bundle
 * (scripts/bundle.ts): as modules, their start-up differed from one process to the next. The core
 * cases (core-case.ts) count the engine, a node's CPU and the samplers apart from the flow, so a
 * change shows where it moved the work.
 */
const CASES = [
  { case: "mm1-core", script: "core-case-bundle.js", args: [], requests: 2e5 },
  { case: "node-cpu-core", script: "core-case-bundle.js", args: [], requests: 1e5 },
  { case: "lognormal-draw", script: "core-case-bundle.js", args: [], requests: 5e5 },
  { case: "exponential-draw", script: "core-case-bundle.js", args: [], requests: 5e5 },
  { case: "mm1", script: "mm1-bundle.js", args: [], requests: 1e5 },
  { case: "robot-shop", script: "robot-shop-bundle.js", args: ["--no-machines"], requests: 2e4 },
  { case: "robot-shop-machines", script: "robot-shop-bundle.js", args: [], requests: 1e4 },
  { case: "robot-shop-istio", script: "robot-shop-bundle.js", args: ["--mesh", "istio", "--no-machines"], requests: 2e4 },
  { case: "robot-shop-istio-machines", script: "robot-shop-bundle.js", args: ["--mesh", "istio"], requests: 1e4 },
];

const options = parseFlags(process.argv.slice(2));
const valgrind = spawnSync("valgrind", ["--version"], { encoding: "utf8" });
if (valgrind.error !== undefined || valgrind.status !== 0) {
  console.error("bench:instructions needs valgrind, which was not found: apt-get install valgrind");
  process.exit(EXIT_BAD_INPUT);
}

const results: InstructionResult[] = [];
for (const counted of CASES.filter((candidate) => options.cases.length === 0 || options.cases.includes(candidate.case))) {
  // The two runs at once: a count does not depend on what else the machine runs.
  const [small, large] = await Promise.all([1, LARGER].map((times) => countRun(counted.case, counted.script, counted.args, times * counted.requests)));
  results.push(instructionsPerRequest(counted.case, { small, large }));
}
const report: InstructionReport = {
  schemaVersion: 1,
  generatedAt: new Date().toISOString(),
  host: { cpu: cpus()[0]?.model ?? "unknown", node: process.versions.node, valgrind: valgrind.stdout.trim(), platform: process.platform },
  cases: results,
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}latest-instructions.json`, `${JSON.stringify(report, null, 2)}\n`);
if (options.update) {
  // A case counted alone takes its own line in the baseline; the other lines stay.
  const kept = options.cases.length > 0 && existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, "utf8")) as InstructionReport).cases : [];
  const cases = CASES.map((listed) => results.find((result) => result.case === listed.case) ?? kept.find((result) => result.case === listed.case)).filter((result) => result !== undefined);
  writeFileSync(BASELINE, `${JSON.stringify({ ...report, cases }, null, 2)}\n`);
  console.log(formatInstructionTable(compareInstructions(report.cases, undefined, options.tolerancePct), options.tolerancePct));
  console.error(`wrote ${BASELINE}`);
} else {
  if (!existsSync(BASELINE)) {
    console.error(`no baseline at ${BASELINE}: make one with npm run bench:instructions -- --update`);
    process.exit(EXIT_BAD_INPUT);
  }
  const baseline = JSON.parse(readFileSync(BASELINE, "utf8")) as InstructionReport;
  const comparison = compareInstructions(report.cases, baseline, options.tolerancePct);
  // Counts from another CPU, Node or valgrind are shown, not judged: a difference there may be the host's.
  const mismatch = hostMismatch(report.host, baseline.host);
  console.log(formatInstructionTable(comparison, options.tolerancePct, mismatch));
  if (mismatch === undefined && comparison.failing) process.exitCode = EXIT_CHECK_FAILED;
}

// --- internal ---

function parseFlags(argv: string[]): { update: boolean; tolerancePct: number; cases: string[] } {
  const flags = { update: false, tolerancePct: DEFAULT_INSTRUCTION_TOLERANCE_PCT, cases: [] as string[] };
  const names = CASES.map((listed) => listed.case);
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--update") flags.update = true;
    else if (argv[i] === "--tolerance" && Number(value?.replace(/%$/, "")) > 0) flags.tolerancePct = Number(argv[++i].replace(/%$/, ""));
    else if (argv[i] === "--case" && names.includes(value)) flags.cases.push(argv[++i]);
    else {
      console.error(`bad option ${argv[i]}${value !== undefined && !value.startsWith("--") ? ` ${value}` : ""} (options: --update, --tolerance <pct above 0>, --case <${names.join("|")}>)`);
      process.exit(EXIT_BAD_INPUT);
    }
  }
  return flags;
}

/** One case process under cachegrind: the requests it completed and the instructions it ran. */
function countRun(name: string, script: string, args: string[], requests: number): Promise<{ requests: number; instructions: number }> {
  const caseScript = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const command = [
    "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
    // V8's predictable mode (no compiler or collector threads) and collections on a fixed schedule
    // with a young generation of fixed size: grown as V8 sees fit, the collections came in steps
    // that moved M/M/1's count per request by 8% between 1e5 and 3e5 requests; fixed, by 0.2%.
    process.execPath, "--predictable", "--predictable-gc-schedule", "--min-semi-space-size=16", "--max-semi-space-size=16", caseScript,
    "--case", name, "--requests", String(requests), "--warmup-requests", String(WARMUP_REQUESTS), ...args,
  ];
  console.error(`counting ${name} at ${requests.toExponential()} requests under cachegrind...`);
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", command, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").filter((text) => text.startsWith("{")).pop();
      if (code !== 0 || line === undefined) {
        reject(new Error(`case ${name} failed under valgrind (exit ${code}); its output:\n${stdout}\n${stderr.slice(-2000)}`));
        return;
      }
      resolve({ requests: (JSON.parse(line) as { requests: number }).requests, instructions: parseInstructionCount(stderr) });
    });
  });
}
