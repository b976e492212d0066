export { runCli } from "./run-cli.js";
export { createProgram } from "./program.js";
export type { CliIo } from "./cli-io.js";
export { EXIT_OK, EXIT_INTERNAL_ERROR, EXIT_BAD_INPUT, EXIT_CHECK_FAILED } from "./exit-codes.js";
