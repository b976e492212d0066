#!/usr/bin/env node
/**
 * The `meshsim` executable: the one place that reads process.argv, listens for Ctrl-C and
 * SIGTERM, and sets the exit code.
 */

import { discardOpenBatches } from "../report/index.js";
import { isClosedPipe } from "./closed-pipe.js";
import { EXIT_CANCELLED, EXIT_OK } from "./exit-codes.js";
import { runCli } from "./run-cli.js";

const cancel = new AbortController();
// Ctrl-C, or Kubernetes stopping the pod (SIGTERM): stop the workers, and the output if it is
// being written (its temporary files removed), exit 130 with nothing written. A second signal
// exits at once, removing the temporary files first. Outputs are renamed into place in one
// synchronous step no handler interrupts: once they are, the run has finished and exits 0.
const stop = () => {
  if (cancel.signal.aborted) process.exit(discardOpenBatches().committed ? EXIT_OK : EXIT_CANCELLED);
  cancel.abort();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// A reader that stops early (`| head`) closes the pipe: what it read is all it wanted, so stop
// quietly with success rather than as a crash. A closed stderr only loses notes and progress.
process.stdout.on("error", (error) => {
  if (isClosedPipe(error)) process.exit(EXIT_OK);
  throw error;
});
process.stderr.on("error", (error) => {
  if (!isClosedPipe(error)) throw error;
});

const exitCode = await runCli(process.argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: Boolean(process.stderr.isTTY),
  columns: process.stdout.columns,
  now: () => Date.now(),
  signal: cancel.signal,
  readStdin: async () => {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
});
// Let stdout drain before exiting (a pipe may still be flushing a large results document).
process.exitCode = exitCode;
