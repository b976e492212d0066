// Tests for readInputFile: only regular files under a size cap are read. Devices and FIFOs are
// tried through the executable in a child process, because a read that blocks would block the
// test worker itself, where no timeout can stop it.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, MAX_RESULTS_BYTES, readInputFile } from "../../src/scenario/read-input-file.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

const ROOT = join(import.meta.dirname, "../..");
const BUILT = join(ROOT, "dist/src/cli/main.js");
const COMMAND = existsSync(BUILT) ? [BUILT] : ["--import", "tsx", join(ROOT, "src/cli/main.ts")];
/**
 * A read that blocks or fills memory is killed here (exit code null). Starting the executable
 * takes a few seconds on a busy machine, so the bound is loose; a blocking read never ends.
 */
const KILL_AFTER_MS = 20_000;

const folder = mkdtempSync(join(tmpdir(), "meshsim-read-input-file-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const fifo = join(folder, "fifo.yaml");
execFileSync("mkfifo", [fifo]);
const subfolder = join(folder, "a-folder");
mkdirSync(subfolder);
// Sparse: the size is over the cap without writing the bytes.
const huge = join(folder, "huge.yaml");
writeFileSync(huge, "");
truncateSync(huge, MAX_DOCUMENT_BYTES + 1);

/** Runs the executable; resolves with exit code, stderr and wall time, killing it after KILL_AFTER_MS. */
function runMeshsim(args: string[]): Promise<{ exitCode: number | null; stderr: string; elapsedMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...COMMAND, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stderr, elapsedMs: Date.now() - started });
    });
  });
}

describe("readInputFile", () => {
  it("readInputFile(a regular file) returns its bytes", () => {
    const path = join(folder, "small.yaml");
    writeFileSync(path, "name: x\n");
    expect(readInputFile(path).toString("utf8")).toBe("name: x\n");
  });

  it.each([
    [subfolder, "is a folder, not a file"],
    [huge, "is 16 MiB, over the 16 MiB limit"],
    [join(folder, "missing.yaml"), "no such file"],
  ])("readInputFile(%s) refuses it in one line", (path, problem) => {
    expect(scenarioErrorOf(() => readInputFile(path)).message).toBe(`${path}: ${problem}`);
  });

  it("readInputFile(a sparse file over the cap) refuses it from its size, without reading it", () => {
    expect(scenarioErrorOf(() => readInputFile(huge, huge, MAX_DOCUMENT_BYTES)).message).toMatch(/over the 16 MiB limit$/);
    expect(readInputFile(huge, huge, MAX_RESULTS_BYTES).length).toBe(MAX_DOCUMENT_BYTES + 1);
  });
});

describe.concurrent("meshsim given a file that is not a regular file", () => {
  it.each([
    [["run", "/dev/zero"], "/dev/zero: is a device, not a regular file"],
    [["run", "/dev/urandom"], "/dev/urandom: is a device, not a regular file"],
    [["run", fifo], `${fifo}: is a FIFO (named pipe), not a regular file`],
    [["run", subfolder], `${subfolder}: is a folder, not a file`],
    [["run", huge], `${huge}: is 16 MiB, over the 16 MiB limit`],
    [["run", "fortio", "--traffic-config", "/dev/zero"], "/dev/zero: is a device, not a regular file"],
    [["run", "fortio", "--traffic-config", fifo], `${fifo}: is a FIFO (named pipe), not a regular file`],
    [["merge", "/dev/zero"], "/dev/zero: is a device, not a regular file"],
    [["check", fifo, "--threshold", "p99<50ms"], `${fifo}: is a FIFO (named pipe), not a regular file`],
    [["report", "/dev/zero"], "/dev/zero: is a device, not a regular file"],
  ])("meshsim %j fails fast with exit 2 and one line", async (args, line) => {
    const { exitCode, stderr, elapsedMs } = await runMeshsim(args);
    expect(stderr).toBe(`meshsim: ${line}\n`);
    expect(exitCode).toBe(2);
    expect(elapsedMs).toBeLessThan(KILL_AFTER_MS);
  }, 2 * KILL_AFTER_MS);
});
