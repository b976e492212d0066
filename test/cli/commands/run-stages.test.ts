// `meshsim run` on a scenario with load.stages: the timeline is in the results, --rps still runs
// a constant rate, and flags that cannot apply are refused in one line with exit 2.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-run-stages-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const SCENARIO = join(folder, "spike.yaml");
writeFileSync(
  SCENARIO,
  `name: spike
services:
  - { name: server, concurrency: 2, serviceTime: { type: exponential, meanMs: 1 } }
requestTypes:
  - { name: request, entry: server }
load:
  type: open
  ratePerSec: 100
  warmupS: 0.5
  stages:
    - { durationS: 1, ratePerSec: 100 }
    - { durationS: 1s, ratePerSec: 900 }
    - { durationS: 1, ratePerSec: 900 }
`,
);
const QUICK = ["--mesh", "none", "--replications", "1", "--workers", "1", "--json"];

describe("meshsim run with load.stages", () => {
  it("runs the stages with a 1 s timeline whose offered rate follows them", async () => {
    const { exitCode, stdout } = await meshsim("run", SCENARIO, ...QUICK);
    expect(exitCode).toBe(EXIT_OK);
    const [run] = JSON.parse(stdout).runs;
    expect(run.durationS).toBe(3);
    expect(run.rps).toBeCloseTo((100 + 500 + 900) / 3, 9);
    expect(run.timeline.map((entry: { atS: number }) => entry.atS)).toEqual([0, 1, 2]);
    const offered = run.timeline.map((entry: { offeredPerSec: number }) => entry.offeredPerSec);
    // Poisson counts: 100, 500 and 900 expected, within five standard deviations.
    [100, 500, 900].forEach((expected, i) => expect(Math.abs(offered[i] - expected)).toBeLessThan(5 * Math.sqrt(expected)));
  });

  it("--interval sets the timeline's intervals; --rps runs a constant rate for --duration", async () => {
    const fine = JSON.parse((await meshsim("run", SCENARIO, ...QUICK, "--interval", "500ms")).stdout).runs[0];
    expect(fine.timeline).toHaveLength(6);
    const constant = JSON.parse((await meshsim("run", SCENARIO, ...QUICK, "--rps", "300", "--duration", "2s")).stdout).runs[0];
    expect(constant.rps).toBe(300);
    expect(constant.durationS).toBe(2);
    expect(constant.timeline).toBeUndefined();
  });

  it.each([
    [["--duration", "10s"], `--duration does not apply to ${SCENARIO}: its load.stages make the measured time`],
    [["--interval", "500us"], "--interval 500us cuts 3 s into 6000 intervals; at most 3600"],
    [["--interval", "1m"], "--interval 1m is longer than the run (3 s measured); use an interval of 3 s or less"],
    [["--interval", "soon"], '--interval must be a duration like 30s, 500ms, 1m30s or 250us, got "soon"'],
  ])("%j is refused in one line with exit 2", async (flags, message) => {
    const { exitCode, stdout, stderr } = await meshsim("run", SCENARIO, ...QUICK, ...flags);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});
