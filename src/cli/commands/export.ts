/**
 * `meshsim export <results.json|scenario> --format fortio|smp --out dir`: one file per run in
 * a format other tools read, Fortio's result JSON or Service Mesh Performance (SMP) results.
 */

import { join } from "node:path";
import type { Command } from "commander";
import { renderHdrLog, renderPercentileSpectrum, toFortioResult, toSmpDocument } from "../../check/index.js";
import type { RunSummary } from "../../runner/index.js";
import { withOutputBatch } from "../../report/index.js";
import { packageVersion } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { parseChoice } from "../parse-values.js";
import { UsageError } from "../usage-error.js";
import { addRunPlanOptions, resolveInput, type RunPlanFlags } from "./_scenario-input.js";

const FORMATS = ["fortio", "smp", "hdr"] as const;

interface ExportFlags extends RunPlanFlags {
  format: string;
  out: string;
}

export function addExportCommand(program: Command, io: CliIo): void {
  const command = program
    .command("export")
    .description("write each run as Fortio result JSON, Service Mesh Performance (SMP) results, or HdrHistogram (log and percentile spectrum)")
    .argument("<input>", "a results document (meshsim run --json), or a scenario to run first with meshsim run's defaults")
    .requiredOption("--format <format>", "fortio, smp or hdr")
    .requiredOption("--out <dir>", "folder for the files: <mesh>-<rps>rps.<format>.json (hdr: <mesh>-<rps>rps.hlog and .hgrm; a closed loop's <mesh>-<users>users, a sweep's runs with their --set values)")
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
    const written = await withOutputBatch(io.signal, (batch) =>
      results.runs.flatMap((run) =>
        filesOf(run, format, context).map(([name, content]) => {
          const path = join(flags.out, name);
          batch.stage(path, content);
          return path;
        }),
      ),
    );
    if (!flags.quiet) for (const path of written) io.stderr(`wrote ${path}\n`);
  });
}

// --- internal ---

/**
 * A run's file name, its own among the document's runs: the mesh, a sweep's `--set` values and
 * the load, the rate or a closed loop's users (whose rps is 0).
 * @example stemOf({ mesh: "istio", rps: 0, users: 8 }) // "istio-8users"
 */
function stemOf(run: RunSummary & { parameters?: Record<string, unknown> }): string {
  const variant = Object.entries(run.parameters ?? {}).map(([path, value]) => `-${path}=${String(value)}`).join("");
  // A --set value is text: nothing in it may leave the folder or trouble a shell.
  return `${run.mesh}${variant.replace(/[^A-Za-z0-9._=-]/g, "_")}-${run.users === undefined ? `${run.rps}rps` : `${run.users}users`}`;
}

/** The files one run becomes in `format`: name and content. */
function filesOf(run: RunSummary, format: (typeof FORMATS)[number], context: Parameters<typeof toFortioResult>[1]): Array<[string, string]> {
  const stem = stemOf(run);
  if (format === "hdr") {
    try {
      return [
        [`${stem}.hlog`, renderHdrLog(run, context)],
        [`${stem}.hgrm`, renderPercentileSpectrum(run)],
      ];
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(`--format hdr: ${error.message}`);
      throw error;
    }
  }
  const document = format === "fortio" ? toFortioResult(run, context) : toSmpDocument(run, context);
  return [[`${stem}.${format}.json`, `${JSON.stringify(document, null, 2)}\n`]];
}
