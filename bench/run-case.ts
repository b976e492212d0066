/**
 * Runs one case in a fresh Node process, so its peak memory is its own and not left over from
 * the cases before it, and returns the JSON line the case printed last.
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchCase } from "./bench-cases.js";

/**
 * Starts `node dist/bench/<script>` with the case's arguments and waits for it.
 * The case's stderr passes straight through, so its errors reach the terminal.
 * @throws Error naming the case when the process fails or prints no JSON line
 */
export function runCase(benchCase: BenchCase): unknown {
  const script = fileURLToPath(new URL(`./${benchCase.script}`, import.meta.url));
  const args = [
    script,
    "--case", benchCase.name,
    "--requests", String(benchCase.requests),
    "--warmup-requests", String(benchCase.warmupRequests),
    ...(benchCase.meshId ? ["--mesh", benchCase.meshId] : []),
    ...(benchCase.noMachines ? ["--no-machines"] : []),
    ...(benchCase.timelineIntervals ? ["--timeline-intervals", String(benchCase.timelineIntervals)] : []),
  ];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (child.error) throw new Error(`case ${benchCase.name} could not start: ${child.error.message}`);
  if (child.status !== 0) {
    throw new Error(`case ${benchCase.name} failed (exit ${child.status ?? child.signal}); its output:\n${child.stdout}`);
  }
  const line = child.stdout.trim().split("\n").filter((text) => text.startsWith("{")).pop();
  if (line === undefined) throw new Error(`case ${benchCase.name} printed no JSON result line; its output:\n${child.stdout}`);
  return JSON.parse(line);
}
