// Runs `meshsim ...args` in-process with a capturing CliIo, for command tests.

import { runCli } from "../../../src/cli/index.js";

export interface CliOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function meshsim(...args: string[]): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(["node", "meshsim", ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stderrIsTty: false,
    now: () => 0,
  });
  return { exitCode, stdout, stderr };
}
