/**
 * Runs the CLI for an argument vector and returns the exit code, without touching `process`:
 * main.ts is the only file that reads argv or exits.
 */

import type { CliIo } from "./cli-io.js";
import { describeError } from "./describe-error.js";
import { EXIT_OK } from "./exit-codes.js";
import { createProgram } from "./program.js";

/**
 * Parses `argv` (as process.argv: node, script, ...args) and runs the command.
 * @returns the exit code
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = createProgram(io, { setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    const outcome = describeError(error, argv.includes("--debug"));
    if (outcome.message !== "") io.stderr(outcome.message);
    return outcome.exitCode;
  }
}
