/**
 * Builds the `meshsim` command tree. No process access here: output goes through CliIo and
 * the exit code through `setExitCode`, so tests drive the CLI in-process.
 */

import { Command } from "commander";
import { packageVersion } from "../scenario/index.js";
import type { CliIo } from "./cli-io.js";
import { addCheckCommand } from "./commands/check.js";
import { addExportCommand } from "./commands/export.js";
import { addImportCommand } from "./commands/import.js";
import { addMergeCommand } from "./commands/merge.js";
import { addMeshesCommand } from "./commands/meshes.js";
import { addReportCommand } from "./commands/report.js";
import { addRunCommand } from "./commands/run.js";
import { addScenariosCommand } from "./commands/scenarios.js";
import { addSchemaCommand } from "./commands/schema.js";
import { addSweepCommand } from "./commands/sweep.js";
import { addValidateCommand } from "./commands/validate.js";

export interface ProgramOptions {
  /** Called when a command finishes with a non-zero exit code but no error (e.g. a failed check). */
  setExitCode: (code: number) => void;
}

/**
 * The meshsim program. Parse errors throw a CommanderError (exitOverride) for the caller to map.
 * @example await createProgram(io, { setExitCode }).parseAsync(["node", "meshsim", "scenarios"])
 */
export function createProgram(io: CliIo, options: ProgramOptions): Command {
  // Usage errors read like every other error: one line, "meshsim: ...", pointing to --help
  // (commander puts its "Did you mean" suggestion on a line of its own).
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text: string, write: (text: string) => void) =>
      write(`meshsim: ${text.trim().replace(/^error: /, "").replace(/\s*\n\s*/g, " ")} (see --help)\n`),
  };
  const program = new Command("meshsim")
    .description("predict what a service mesh does to an application's latency and resource cost")
    .version(packageVersion())
    .option("--debug", "show stack traces on errors")
    .exitOverride()
    .configureOutput(output);
  addRunCommand(program, io);
  addSweepCommand(program, io);
  addReportCommand(program, io);
  addValidateCommand(program, io, options.setExitCode);
  addScenariosCommand(program, io);
  addMeshesCommand(program, io);
  addSchemaCommand(program, io);
  addMergeCommand(program, io);
  addCheckCommand(program, io, options.setExitCode);
  addExportCommand(program, io);
  addImportCommand(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput(output);
  return program;
}
