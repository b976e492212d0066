#!/usr/bin/env node
/**
 * The `meshsim` executable: the one place that reads process.argv and sets the exit code.
 */

import { runCli } from "./run-cli.js";

const exitCode = await runCli(process.argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: Boolean(process.stderr.isTTY),
  now: () => Date.now(),
});
// Let stdout drain before exiting (a pipe may still be flushing a large results document).
process.exitCode = exitCode;
