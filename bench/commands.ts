/**
 * Case process: how long whole `meshsim` commands take, from starting Node to its exit, as a user
 * or a CI job sees them: start-up (loading the command, reading and checking the scenario and
 * profiles), the simulation, the summary and the report. Each command runs in a fresh process,
 * `--requests` times in turn, and keeps the median.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "simple-statistics";
import type { CommandTimings } from "./bench-result.js";
import { parseCaseArgs } from "./parse-case-args.js";

const args = parseCaseArgs(process.argv.slice(2));
// The rounds ride in --requests: this case times processes, not simulated requests.
const rounds = Math.max(1, Math.round(args.requests));
const command = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "meshsim-bench-commands-"));

const commands: Array<{ name: string; args: string[] }> = [
  { name: "version", args: ["--version"] },
  // A CI gate's kind of run: one mesh, one second, one replication.
  { name: "small-run", args: ["run", "fortio", "--mesh", "istio", "--duration", "1s", "--replications", "1", "--workers", "1", "--json", join(scratch, "small.json"), "--quiet"] },
  // What `npm start` runs: every mesh on robot-shop at three loads, with the report.
  { name: "npm-start", args: ["run", "robot-shop", "--mesh", "all", "--rps", "50,100,150", "--out", join(scratch, "robot-shop"), "--quiet"] },
];

const timings: CommandTimings = { case: args.caseName, rounds, commands: [] };
const seconds = new Map(commands.map((entry) => [entry.name, [] as number[]]));
try {
  // The commands take turns, so a burst of load on the machine touches each a little.
  for (let round = 0; round < rounds; round++) {
    for (const entry of commands) {
      const started = performance.now();
      const child = spawnSync(process.execPath, [command, ...entry.args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
      const elapsed = (performance.now() - started) / 1000;
      if (child.status !== 0) throw new Error(`meshsim ${entry.args.join(" ")} failed (exit ${child.status ?? child.signal}): ${child.stderr}`);
      seconds.get(entry.name)!.push(Math.round(elapsed * 1000) / 1000);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
for (const entry of commands) {
  const all = seconds.get(entry.name)!;
  timings.commands.push({ name: entry.name, command: `meshsim ${entry.args.map((arg) => (arg.startsWith(scratch) ? arg.replace(scratch, "<tmp>") : arg)).join(" ")}`, medianSeconds: median(all), roundSeconds: all });
}
console.log(JSON.stringify(timings));
