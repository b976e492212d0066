// The meshsim executable as a shell runs it: a pipe whose reader has gone (`meshsim … | head`)
// ends the command quietly with exit 0, not with Node's EPIPE stack trace.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
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
