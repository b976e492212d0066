/**
 * `meshsim export <results.json|scenario> --format fortio|smp --out dir`: one file per run in
 * a format other tools read, Fortio's result JSON or Service Mesh Performance (SMP) results.
 */

import { join } from "node:path";
import type { Command } from "commander";
import { toFortioResult, toSmpDocument } from "../../check/index.js";
import { writeFileAtomic } from "../../report/index.js";
import { packageVersion } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { parseChoice } from "../parse-values.js";
import { addRunPlanOptions, resolveInput, type RunPlanFlags } from "./_scenario-input.js";

const FORMATS = ["fortio", "smp"] as const;

interface ExportFlags extends RunPlanFlags {
  format: string;
  out: string;
}

export function addExportCommand(program: Command, io: CliIo): void {
  const command = program
    .command("export")
    .description("write each run as Fortio result JSON or Service Mesh Performance (SMP) results, one file per run")
    .argument("<input>", "a results document (meshsim run --json), or a scenario to run first with meshsim run's defaults")
    .requiredOption("--format <format>", "fortio or smp")
    .requiredOption("--out <dir>", "folder for the files: <mesh>-<rps>rps.<format>.json")
    .option("--quiet", "no progress or file list on stderr");
  addRunPlanOptions(command).action(async (input: string, flags: ExportFlags) => {
    const format = parseChoice(flags.format, FORMATS, "--format");
    const { results, scenario } = await resolveInput(input, flags, io);
    const context = {
      scenario: results.scenario.name,
      version: packageVersion(),
      startedMs: io.now(),
      connections: scenario?.load.connections,
      load: scenario
        ? { requestBytes: scenario.load.requestBytes, responseBytes: scenario.load.responseBytes, keepAlive: scenario.load.keepAlive, uniform: scenario.load.arrival === "uniform" }
        : undefined,
    };
    for (const run of results.runs) {
      const document = format === "fortio" ? toFortioResult(run, context) : toSmpDocument(run, context);
      const path = join(flags.out, `${run.mesh}-${run.rps}rps.${format}.json`);
      writeFileAtomic(path, `${JSON.stringify(document, null, 2)}\n`);
      if (!flags.quiet) io.stderr(`wrote ${path}\n`);
    }
  });
}
