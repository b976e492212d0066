// The meshsim executable as a shell runs it: a pipe whose reader has gone (`meshsim … | head`)
// ends the command quietly with exit 0, not with Node's EPIPE stack trace; Ctrl-C (once or
// twice) leaves either every output file whole (exit 0) or none (exit 130).

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
// The built executable when there is one (npm test builds first; it starts in a fraction of
// tsx's time), else the source through tsx.
const BUILT = join(ROOT, "dist/src/cli/main.js");
const COMMAND = existsSync(BUILT) ? [BUILT] : ["--import", "tsx", join(ROOT, "src/cli/main.ts")];

/** Runs meshsim with its stdout pipe closed before it writes, as after `| head` exits. */
function runWithClosedStdout(args: string[]): Promise<{ exitCode: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...COMMAND, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ exitCode, stderr }));
  });
}

describe("meshsim with a closed stdout", () => {
  it.each([
    [["meshes", "--json"]],
    [["run", "fortio", "--mesh", "none", "--duration", "1s", "--replications", "1", "--workers", "1", "--quiet"]],
    [["sweep", "fortio", "--mesh", "none", "--rps", "100,200", "--duration", "1s", "--replications", "1", "--workers", "1", "--quiet"]],
  ])("meshsim %j exits 0 without a stack trace", async (args) => {
    const { exitCode, stderr } = await runWithClosedStdout(args);
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toContain("    at ");
    expect(exitCode).toBe(0);
  });
});

/** A scenario with no machines: its run says so on stderr ("note: ...") just before simulating. */
const SLOW_SCENARIO = {
  name: "signals",
  services: [{ name: "a", concurrency: 4, serviceTime: { type: "exponential", meanMs: 1 } }],
  requestTypes: [{ name: "r", entry: "a" }],
  load: { type: "open", ratePerSec: 200, durationS: 600, warmupS: 0 },
};

interface SignalledRun {
  exitCode: number | null;
  stderr: string;
  /** Every file and folder left under the --out folder (none when it does not exist). */
  left: string[];
}

/**
 * Runs `meshsim run … --out <dir>` and sends `signals` SIGINTs once `ready(stderr, dir)` holds
 * (checked every 2 ms), then waits for the exit.
 */
function runAndSignal(args: string[], signals: number, ready: (stderr: string, dir: string) => boolean): Promise<SignalledRun> {
  const dir = join(mkdtempSync(join(tmpdir(), "meshsim-signal-")), "out");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...COMMAND, ...args, "--out", dir], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let sent = false;
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      if (sent || !ready(stderr, dir)) return;
      sent = true;
      for (let i = 0; i < signals; i++) child.kill("SIGINT");
    }, 2);
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearInterval(poll);
      resolve({ exitCode, stderr, left: listTree(dir) });
    });
  });
}

/** Every file and folder under `dir`; none when it does not exist (or is removed while it is read). */
function listTree(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  } catch (error) {
    // The run removes its partial output when cancelled, possibly between two reads of the walk.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Whether a temporary output file has appeared: writing has started. */
const writing = (_stderr: string, dir: string): boolean => listTree(dir).some((name) => name.endsWith(".tmp"));

describe("meshsim and signals (README: What meshsim guarantees)", () => {
  const fortio = ["run", "fortio", "--mesh", "none", "--duration", "0.3s", "--replications", "1", "--workers", "1", "--quiet"];

  it.each([1, 2])("%i SIGINT(s) while the output is written: exit 130 with nothing left, or exit 0 with every file whole", async (signals) => {
    const { exitCode, stderr, left } = await runAndSignal(fortio, signals, writing);
    expect(stderr).not.toContain("    at ");
    expect(left.filter((name) => name.endsWith(".tmp"))).toEqual([]);
    if (exitCode === 130) expect(left).toEqual([]);
    else {
      expect(exitCode).toBe(0);
      expect(left).toEqual(expect.arrayContaining(["results.json", "report.html", join("charts", "latency-cdf.png")]));
    }
  }, 60_000);

  it("a SIGINT before the output is written: exit 130, and no output folder", async () => {
    const scenario = join(mkdtempSync(join(tmpdir(), "meshsim-signal-")), "slow.json");
    writeFileSync(scenario, JSON.stringify(SLOW_SCENARIO));
    const { exitCode, stderr, left } = await runAndSignal(["run", scenario, "--mesh", "none", "--replications", "1", "--workers", "1"], 1, (text) => text.includes("note: "));
    expect(exitCode).toBe(130);
    expect(stderr).toContain("meshsim: cancelled after 0 of 1 tasks; no results were written");
    expect(left).toEqual([]);
  }, 60_000);
});

describe("meshsim when the report cannot be written", () => {
  const fortio = ["run", "fortio", "--mesh", "none", "--duration", "0.3s", "--replications", "1", "--workers", "1", "--quiet"];

  /** Runs meshsim through sh, with `setup` (shell commands) before it. */
  function runInShell(setup: string, args: string[]): Promise<{ exitCode: number | null; stderr: string }> {
    const quoted = [process.execPath, ...COMMAND, ...args].map((word) => `'${word}'`).join(" ");
    return new Promise((resolve, reject) => {
      const child = spawn("sh", ["-c", `${setup}; exec ${quoted}`], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ exitCode, stderr }));
    });
  }

  it("regression: a full disk while writing the charts (ulimit -f) leaves no results.json and no temporary file, exit 2", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "meshsim-full-")), "out");
    // Files over 64 blocks fail with EFBIG, as on a full disk (SIGXFSZ ignored, as the shell's trap leaves it).
    const { exitCode, stderr } = await runInShell("ulimit -f 64; trap '' XFSZ", [...fortio, "--out", dir]);
    expect(stderr).toMatch(/^meshsim: cannot write .*\.png: the file is larger than this process may write \(ulimit -f\)\n$/);
    expect(exitCode).toBe(2);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it("regression: a file where the charts folder goes leaves no results.json, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meshsim-blocked-"));
    writeFileSync(join(dir, "charts"), "in the way");
    const { exitCode, stderr } = await runInShell("true", [...fortio, "--out", dir]);
    expect(stderr).toBe(`meshsim: cannot write ${join(dir, "charts", "latency-cdf.vl.json")}: a part of the path is a file, not a folder\n`);
    expect(exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual(["charts"]);
  }, 60_000);

  /** Runs meshsim and kills it (SIGKILL: a busy native call hears nothing else) if it is not done in `deadlineMs`. */
  function runWithDeadline(args: string[], deadlineMs: number): Promise<{ exitCode: number | null; stderr: string; killed: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...COMMAND, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill("SIGKILL");
      }, deadlineMs);
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (exitCode) => {
        clearTimeout(timer);
        resolve({ exitCode, stderr, killed });
      });
    });
  }

  it.runIf(existsSync("/proc/self"))("regression: report --out under /proc fails at once with one line naming the path, exit 2 (it spun at full CPU for ever)", async () => {
    const document = join(ROOT, "test/fixtures/report-document.json");
    const { exitCode, stderr, killed } = await runWithDeadline(["report", document, "--out", "/proc/meshsim-out"], 30_000);
    expect(killed).toBe(false);
    expect(stderr).toMatch(/^meshsim: cannot write \/proc\/meshsim-out\/\S+: its folder cannot be created there\n$/);
    expect(exitCode).toBe(2);
  }, 60_000);

  // Each simulation asked for here takes minutes: failing within the deadline means the path was
  // tried before it, not after.
  const long = ["fortio", "--mesh", "none", "--duration", "1h", "--replications", "20", "--workers", "1", "--quiet"];
  it.each([
    ["run --json", ["run", ...long, "--json", "/proc/meshsim-long.json"], "/proc/meshsim-long.json: no file can be created in its folder"],
    ["run --out", ["run", ...long, "--out", "/proc/meshsim-out"], "/proc/meshsim-out/results.json: its folder cannot be created there"],
    ["run --traces", ["run", ...long, "--traces", "/proc/meshsim.jsonl"], "/proc/meshsim.jsonl: no file can be created in its folder"],
    ["run --shard --out", ["run", ...long, "--shard", "1/2", "--out", "/proc/meshsim-out"], "/proc/meshsim-out/shard-1-of-2.json: its folder cannot be created there"],
    ["check --save-results", ["check", ...long, "--threshold", "p99<50ms", "--save-results", "/proc/meshsim.json"], "/proc/meshsim.json: no file can be created in its folder"],
    ["check --junit", ["check", ...long, "--threshold", "p99<50ms", "--junit", "/proc/meshsim.xml"], "/proc/meshsim.xml: no file can be created in its folder"],
    ["sweep --json", ["sweep", ...long, "--rps", "100,200", "--json", "/proc/meshsim-sweep.json"], "/proc/meshsim-sweep.json: no file can be created in its folder"],
  ])("regression: %s to a path that cannot be written fails before simulating, naming it, exit 2", async (_, args, message) => {
    if (!existsSync("/proc/self")) return;
    const { exitCode, stderr, killed } = await runWithDeadline(args, 30_000);
    expect(killed).toBe(false);
    expect(stderr).toBe(`meshsim: cannot write ${message}\n`);
    expect(exitCode).toBe(2);
  }, 60_000);

  const same = (name: string) => join(mkdtempSync(join(tmpdir(), "meshsim-same-")), name);
  it.each([
    ["run --json and --traces", (file: string) => ["run", ...long, "--json", file, "--traces", file], "--json and --traces"],
    ["check --junit and --markdown", (file: string) => ["check", ...long, "--threshold", "p99<50ms", "--junit", file, "--markdown", file], "--junit and --markdown"],
    ["check --save-results and --github-benchmark", (file: string) => ["check", ...long, "--threshold", "p99<50ms", "--save-results", file, "--github-benchmark", file], "--github-benchmark and --save-results"],
  ])("regression: %s naming one file fails before simulating, naming both flags, exit 2 (one silently replaced the other)", async (_, args, flags) => {
    const file = same("out.json");
    const { exitCode, stderr, killed } = await runWithDeadline(args(file), 30_000);
    expect(killed).toBe(false);
    expect(stderr).toBe(`meshsim: ${flags} both write ${file}: give each its own file\n`);
    expect(exitCode).toBe(2);
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it.runIf(existsSync("/proc/self"))("regression: run --json straight into /proc names the file, not its temporary name, exit 2", async () => {
    const { exitCode, stderr, killed } = await runWithDeadline([...fortio, "--json", "/proc/meshsim-results.json"], 30_000);
    expect(killed).toBe(false);
    expect(stderr).toBe("meshsim: cannot write /proc/meshsim-results.json: no file can be created in its folder\n");
    expect(exitCode).toBe(2);
  }, 60_000);
});
