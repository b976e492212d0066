// `meshsim check` driven in-process: every exit code, the outputs for CI (JUnit, Markdown,
// github-action-benchmark), results and scenario inputs, baselines, and the example workflows.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meshsim } from "./_meshsim.js";
import { parseRegressionLimits, parseThreshold } from "../../../src/check/index.js";
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from "../../../src/cli/index.js";
import { findAll, parseXml } from "../../check/_xml.js";

const ROOT = join(import.meta.dirname, "../../..");
const folder = mkdtempSync(join(tmpdir(), "meshsim-check-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));


/** A small real run: fortio under no mesh and Istio, two load points, two replications. */
const RUN_FLAGS = ["--mesh", "none,istio", "--rps", "500,1000", "--duration", "1s", "--warmup", "0.2s", "--replications", "2", "--workers", "1"];
const results = join(folder, "results.json");

beforeAll(async () => {
  const run = await meshsim("run", "fortio", ...RUN_FLAGS, "--json", results);
  expect(run.exitCode).toBe(EXIT_OK);
});

/** The results with Istio's p99 (and its interval) made smaller: a baseline the results regress from. */
function betterBaseline(path: string): string {
  const document = JSON.parse(readFileSync(results, "utf8"));
  for (const run of document.runs) {
    if (run.mesh !== "istio") continue;
    run.latencyMs.p99 = run.latencyMs.p99 / 2;
    run.latencyMs.ci95 = { p50: null, p99: null };
  }
  writeFileSync(path, JSON.stringify(document));
  return path;
}

describe("meshsim check: thresholds", () => {
  it("exits 0 when every threshold holds, with a table on stdout", async () => {
    const { exitCode, stdout, stderr } = await meshsim("check", results, "--threshold", "p99<50ms", "--threshold", "istio:vcpu<4", "--threshold", "*/echo:failedRate<1%");
    expect(exitCode).toBe(EXIT_OK);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/│ result │ check\s+│ run\s+│ metric/);
    expect(stdout.trim().endsWith("10 checks: 10 passed, 0 failed: passed")).toBe(true);
  });

  it("exits 3 when one breaks, saying which and why", async () => {
    const { exitCode, stdout } = await meshsim("check", results, "--threshold", "p99<50ms", "--threshold", "istio@1000:p50<0.01ms");
    expect(exitCode).toBe(EXIT_CHECK_FAILED);
    expect(stdout).toMatch(/failed:\n {2}istio @ 1000 rps: p50 0\.\d+ ms breaks < 0\.01ms \(istio@1000:p50<0\.01ms\)/);
    expect(stdout.trim().endsWith("5 checks: 4 passed, 1 failed: FAILED")).toBe(true);
  });

  it.each([
    [["--threshold", "p99<<50ms"], `meshsim: --threshold "p99<<50ms" is not a threshold: write [mesh[@rps][/requestType]:]metric<value, e.g. p99<50ms, istio/checkout:p99<80ms, p99[30s..1m]<80ms or worst(p99)<100ms`],
    [["--threshold", "p95<5ms"], `meshsim: --threshold "p95<5ms" names unknown metric "p95" (the results keep p50, p90, p99 and p999; metrics: p50, p90, p99, p999, mean, max, failedRate, vcpu, memoryMb, cost)`],
    [["--threshold", "kuma:p99<5ms"], `meshsim: --threshold "kuma:p99<5ms" matches no run in RESULTS (runs: none @ 500 rps, none @ 1000 rps, istio @ 500 rps, istio @ 1000 rps; request types: echo)`],
    [["--threshold", "cost<10"], `meshsim: --threshold "cost<10" needs a monthly cost, but RESULTS has none: give the scenario prices (pricing) to check cost`],
    [["--max-regression", "p99=5%"], "meshsim: --max-regression needs --baseline <file> to compare with"],
    [[], "meshsim: check needs something to check: give --threshold 'p99<50ms' (repeatable) or --baseline <results.json>"],
    [["--threshold", "p99<1", "--rps", "100"], "meshsim: --rps applies when the input is a scenario; RESULTS is a results document"],
    [["--threshold", "p99<1", "--save-results", "x.json"], "meshsim: --save-results applies when the input is a scenario; RESULTS is a results document"],
    [["--baseline", "nothing.json"], "meshsim: nothing.json: no such file"],
  ])("exits 2 with one line for %j", async (args, message) => {
    const { exitCode, stdout, stderr } = await meshsim("check", results, ...args);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${message.replaceAll("RESULTS", results)}\n`);
  });

  it("exits 2 naming the file when the results document is broken", async () => {
    const broken = join(folder, "broken.json");
    writeFileSync(broken, JSON.stringify({ schemaVersion: 1, scenario: { name: "x" }, runs: [{ mesh: "istio" }] }));
    const { exitCode, stderr } = await meshsim("check", broken, "--threshold", "p99<1");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${broken}: runs[0].mtls is required\n`);
  });

  it("exits 2 saying a shard document is a shard, not validating it as a scenario", async () => {
    const shard = join(folder, "shard.json");
    const run = await meshsim("run", "fortio", "--mesh", "none", "--duration", "1s", "--replications", "1", "--workers", "1", "--shard", "1/2", "--json", shard);
    expect(run.exitCode).toBe(EXIT_OK);
    const { exitCode, stderr } = await meshsim("check", shard, "--threshold", "p99<1");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${shard}: is a shard document: join the shards with meshsim merge first\n`);
  });
});

describe("meshsim check: baseline", () => {
  it("passes against a baseline of the same run (deterministic: no change at all)", async () => {
    const { exitCode, stdout } = await meshsim("check", results, "--baseline", results, "--max-regression", "p50=0%,p99=0%,*/*:p99=0%,vcpu=0%,memoryMb=0%");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout.trim().endsWith("20 checks: 20 passed, 0 failed: passed")).toBe(true);
  });

  it("regression: a percentage limit on failedRate says in the table and a note that it is relative to the baseline (it read as percentage points)", async () => {
    const { exitCode, stdout } = await meshsim("check", results, "--baseline", results, "--max-regression", "failedRate=1%,istio:failedRate=0.5pp");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toMatch(/│ failedRate=1%\s+│ none @ 500 rps\s+│ failedRate │\s+0% │\s+0% │ [^│]+│ \+1% of baseline │/);
    expect(stdout).toMatch(/│ istio:failedRate=0\.5pp\s+│ istio @ 500 rps\s+│ failedRate │\s+0% │\s+0% │ [^│]+│ \+0\.5 pp\s+│/);
    expect(stdout).toContain("failedRate=1% is relative: the share of failed requests may grow by 1% of the baseline's");
  });

  it("help says which failedRate forms are relative and which absolute", async () => {
    const { stdout } = await meshsim("check", "--help");
    const help = stdout.replace(/\s+/g, " ");
    expect(help).toContain("N% is relative to the baseline");
    expect(help).toContain("failedRate=0.5pp");
    expect(help).toContain("failedRate<1% is an absolute share");
  });

  it("applies the default limits when none are given, skipping cost without prices", async () => {
    const { exitCode, stdout } = await meshsim("check", results, "--baseline", results, "--json");
    expect(exitCode).toBe(EXIT_OK);
    const outcome = JSON.parse(stdout);
    expect([...new Set(outcome.rows.map((row: { check: string }) => row.check))]).toEqual(["p99=5%", "failedRate=0.001", "vcpu=10%", "memoryMb=10%"]);
  });

  it("regression: the default limits fail a mesh that begins failing a third of its requests while the rest keep their latency (it passed)", async () => {
    const document = JSON.parse(readFileSync(results, "utf8"));
    for (const run of document.runs) {
      if (run.mesh !== "istio") continue;
      const failed = Math.round(run.requests.completed / 2);
      run.requests = { completed: run.requests.completed - failed, failed, failedByReason: { timeout: failed } };
    }
    const failing = join(folder, "failing.json");
    writeFileSync(failing, JSON.stringify(document));
    const { exitCode, stdout } = await meshsim("check", failing, "--baseline", results);
    expect(exitCode).toBe(EXIT_CHECK_FAILED);
    expect(stdout).toMatch(/FAIL\s+│ failedRate=0\.001\s+│ istio @ \d+ rps/);
  });

  it("exits 3 on a regression and writes JUnit, Markdown and github-action-benchmark files", async () => {
    const baseline = betterBaseline(join(folder, "better.json"));
    const [junit, markdown, benchmark] = ["check.xml", "check.md", "bench.json"].map((name) => join(folder, name));
    const { exitCode, stdout } = await meshsim(
      "check", results, "--baseline", baseline, "--max-regression", "p99=5%",
      "--threshold", "p99<50ms", "--junit", junit, "--markdown", markdown, "--github-benchmark", benchmark,
    );
    expect(exitCode).toBe(EXIT_CHECK_FAILED);
    expect(stdout).toMatch(/FAIL\s+│ p99=5%\s+│ istio @ 500 rps/);
    expect(stdout).toMatch(/istio @ 1000 rps: p99 [\d.]+ ms -> [\d.]+ ms \(\+100\.\d\d%\) exceeds \+5% \(p99=5%\)/);

    const xml = parseXml(readFileSync(junit, "utf8"));
    expect(xml.attributes).toMatchObject({ tests: "8", failures: "2" });
    expect(findAll(xml, "testcase")).toHaveLength(8);
    expect(findAll(xml, "failure").map((failure) => failure.attributes.type)).toEqual(["regression", "regression"]);

    const text = readFileSync(markdown, "utf8");
    expect(text).toMatch(/^### meshsim check: fortio ❌ failed\n\n8 checks: 6 passed, 2 failed\./);
    expect(text).toContain("| ❌ FAIL | `p99=5%` | istio @ 500 rps | p99 |");

    const entries = JSON.parse(readFileSync(benchmark, "utf8"));
    expect(entries).toHaveLength(4 * 8);
    expect(entries[0]).toMatchObject({ name: "fortio: none @ 500 rps p50", unit: "ms" });
  });

  it("matches by mesh, load and request type, and fails on baseline runs the results lack unless allowed", async () => {
    const partial = join(folder, "partial.json");
    const document = JSON.parse(readFileSync(results, "utf8"));
    document.runs = document.runs.filter((run: { rps: number }) => run.rps === 1000);
    writeFileSync(partial, JSON.stringify(document));

    const missing = await meshsim("check", partial, "--baseline", results, "--max-regression", "*/echo:p99=5%");
    expect(missing.exitCode).toBe(EXIT_CHECK_FAILED);
    expect(missing.stdout).toContain("in the baseline but not in the results (fails the check; update the baseline if the scenario changed on purpose):\n  none @ 500 rps / echo\n  istio @ 500 rps / echo");
    expect(missing.stdout.trim().endsWith("4 checks: 2 passed, 0 failed, 2 missing: FAILED")).toBe(true);

    const allowed = await meshsim("check", partial, "--baseline", results, "--max-regression", "*/echo:p99=5%", "--allow-missing");
    expect(allowed.exitCode).toBe(EXIT_OK);

    const reversed = await meshsim("check", results, "--baseline", partial, "--max-regression", "p99=5%");
    expect(reversed.exitCode).toBe(EXIT_OK);
    expect(reversed.stdout.trim().endsWith("4 checks: 2 passed, 0 failed, 2 new: passed")).toBe(true);
  });

  it("reports a regression inside the confidence interval as noise, exit 0", async () => {
    const noisy = join(folder, "noisy.json");
    const document = JSON.parse(readFileSync(results, "utf8"));
    for (const run of document.runs) {
      const p99 = run.latencyMs.p99;
      run.latencyMs.p99 = p99 / 1.1;
      run.latencyMs.ci95 = { p50: null, p99: [p99 / 1.5, p99 * 1.5] };
    }
    writeFileSync(noisy, JSON.stringify(document));
    const { exitCode, stdout } = await meshsim("check", results, "--baseline", noisy, "--max-regression", "p99=5%");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toContain("noise (not failures):");
    expect(stdout.trim().endsWith("4 checks: 0 passed, 0 failed, 4 noise: passed")).toBe(true);
  });
});

describe("meshsim check: - for stdout", () => {
  it("--markdown - prints the Markdown instead of the table and writes no file named -", async () => {
    const { exitCode, stdout } = await meshsim("check", results, "--threshold", "p99<50ms", "--markdown", "-");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toMatch(/^### meshsim check: fortio ✅ passed\n/);
    expect(stdout).not.toContain("│");
    expect(existsSync(join(process.cwd(), "-"))).toBe(false);
  });

  it("--junit - prints the JUnit XML alone", async () => {
    const { exitCode, stdout } = await meshsim("check", results, "--threshold", "p99<50ms", "--junit", "-");
    expect(exitCode).toBe(EXIT_OK);
    expect(parseXml(stdout).attributes).toMatchObject({ tests: "4", failures: "0" });
  });

  it("two outputs on stdout are refused before anything runs", async () => {
    const { exitCode, stdout, stderr } = await meshsim("check", "fortio", "--threshold", "p99<50ms", "--json", "--save-results", "-");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe("");
    expect(stderr).toBe("meshsim: --json and --save-results each ask for stdout; write all but one of them to a file\n");
  });
});

describe("meshsim check <scenario>", () => {
  it("runs the scenario with run's flags, checks it and saves the results run would write", async () => {
    const saved = join(folder, "saved.json");
    const { exitCode, stderr } = await meshsim("check", "fortio", ...RUN_FLAGS, "--threshold", "p99<50ms", "--save-results", saved);
    expect(exitCode).toBe(EXIT_OK);
    expect(stderr).toBe("running fortio: none, istio at 500, 1000 rps, 8 tasks\n");
    const withoutMeta = (text: string) => JSON.stringify({ ...JSON.parse(text), meta: undefined });
    expect(withoutMeta(readFileSync(saved, "utf8"))).toBe(withoutMeta(readFileSync(results, "utf8")));
  });

  it("gates a scenario against its own baseline: pass, then fail when the scenario gets slower", async () => {
    const pass = await meshsim("check", "fortio", ...RUN_FLAGS, "--baseline", results, "--quiet");
    expect(pass.exitCode).toBe(EXIT_OK);
    const slower = join(folder, "slower.yaml");
    const scenario = readFileSync(join(ROOT, "scenarios/fortio.yaml"), "utf8").replace("meanMs: 0.06", "meanMs: 0.5");
    writeFileSync(slower, scenario);
    const fail = await meshsim("check", slower, ...RUN_FLAGS, "--baseline", results, "--quiet");
    expect(fail.exitCode).toBe(EXIT_CHECK_FAILED);
    expect(fail.stdout).toContain("the scenario file changed since the baseline");
  });

  it("exits 2 naming the scenario's problem", async () => {
    const { exitCode, stderr } = await meshsim("check", "fortoi", "--threshold", "p99<1");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe("meshsim: fortoi: is neither a file nor a built-in scenario (did you mean fortio?)\n");
  });
});

describe("the GitHub Action and the example workflows", () => {
  const workflows = [".github/workflows/meshsim-check.yml", "examples/github-actions/meshsim-check.yml"];
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, { required?: boolean; default?: string }>;
    runs: { using: string; steps: Array<{ run?: string; uses?: string; "working-directory"?: string; env?: Record<string, string> }> };
  };
  type Step = { run?: string; uses?: string; with?: Record<string, string> };
  const gateOf = (file: string): Step => {
    const workflow = parse(readFileSync(join(ROOT, file), "utf8")) as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };
    expect(workflow.on).toHaveProperty("pull_request");
    return Object.values(workflow.jobs).flatMap((job) => job.steps).find((step) => step.uses === "./" || /\/meshsim@/.test(step.uses ?? ""))!;
  };

  it("action.yml is a composite action that builds meshsim from its own repository, with no registry", () => {
    expect(action.runs.using).toBe("composite");
    const build = action.runs.steps.find((step) => step.run?.includes("npm ci"))!;
    expect(build["working-directory"]).toBe("${{ github.action_path }}");
    expect(JSON.stringify(action)).not.toMatch(/npm install[^"]*meshsim@/);
    expect(action.inputs.scenario.required).toBe(true);
    expect(existsSync(join(ROOT, "deploy/github-action/check.sh"))).toBe(true);
  });

  it.each(workflows)("%s gates with this action, with inputs it declares and expressions meshsim accepts", (file) => {
    const gate = gateOf(file);
    expect(gate).toBeDefined();
    for (const input of Object.keys(gate.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    const thresholds = (gate.with?.thresholds ?? "").split("\n").map((line) => line.trim()).filter(Boolean);
    expect(thresholds.length).toBeGreaterThan(0);
    for (const expression of thresholds) expect(() => parseThreshold(expression)).not.toThrow();
    expect(() => parseRegressionLimits(gate.with!["max-regression"])).not.toThrow();
    expect(JSON.stringify(parse(readFileSync(join(ROOT, file), "utf8")))).not.toContain("meshsim@0.1.0");
  });

  // Whether predictions moved is the workflow's business; here: the action's own step, run as
  // GitHub runs it with this repository's inputs, gates against a baseline that lines up.
  it("this repository's gate, run through the action's step, finds every baseline run", () => {
    const gate = gateOf(workflows[0]);
    const workspace = mkdtempSync(join(folder, "action-"));
    const env = {
      ...process.env,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_STEP_SUMMARY: join(workspace, "summary.md"),
      GITHUB_OUTPUT: join(workspace, "output"),
      INPUT_SCENARIO: join(ROOT, gate.with!.scenario),
      INPUT_BASELINE: join(ROOT, gate.with!.baseline),
      INPUT_THRESHOLDS: gate.with!.thresholds,
      INPUT_MAX_REGRESSION: gate.with!["max-regression"],
      INPUT_RUN_FLAGS: "--quiet",
      INPUT_RESULTS: "meshsim-results.json",
    };
    const result = spawnSync("bash", [join(ROOT, "deploy/github-action/check.sh")], { cwd: workspace, env, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect([EXIT_OK, EXIT_CHECK_FAILED]).toContain(result.status);
    const junit = parseXml(readFileSync(join(workspace, "meshsim-junit.xml"), "utf8"));
    expect(Number(junit.attributes.tests)).toBeGreaterThan(0);
    expect(junit.attributes.skipped).toBe("0");
    expect(findAll(junit, "testsuite").map((suite) => suite.attributes.name)).toContain(`meshsim check: regressions against ${env.INPUT_BASELINE}`);
    expect(readFileSync(join(workspace, "summary.md"), "utf8")).toMatch(/^### meshsim check: shop/);
    expect(readFileSync(join(workspace, "output"), "utf8")).toBe("markdown=meshsim-check.md\njunit=meshsim-junit.xml\n");
    expect(JSON.parse(readFileSync(join(workspace, "meshsim-results.json"), "utf8")).scenario.name).toBe("shop");
  });
});
