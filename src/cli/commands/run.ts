/**
 * `meshsim run <scenario>`: simulate the scenario under the chosen meshes and load points,
 * print the comparison table, and write the results document where asked (with `--out`, the
 * report too). With `--shard i/N` it runs one slice of the tasks and writes a shard document
 * for `meshsim merge`.
 */

import { join } from "node:path";
import type { Command } from "commander";
import { preloadChartRenderer, withOutputBatch, writeReport, type OutputBatch } from "../../report/index.js";
import { prepareRun, runScenario, runShard, type RunOptions } from "../../runner/index.js";
import type { CliIo } from "../cli-io.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";
import { probeOutputFiles, reportOutputs, STDOUT_FILE } from "../output-file.js";
import { parsePositiveInteger, parseShard } from "../parse-values.js";
import { createProgress, type Progress } from "../progress.js";
import { addPlanOptions, planFromFlags, skippedMeshNotes, type PlanFlags } from "./_plan-flags.js";
import { renderRunOutput } from "./_run-output.js";
import { traceOutputOf, withTraceParts, type TraceFlags } from "./_trace-output.js";


interface RunFlags extends PlanFlags, TraceFlags {
  workers?: string;
  json?: string | boolean;
  out?: string;
  shard?: string;
  quiet?: boolean;
  wide?: boolean;
}

export function addRunCommand(program: Command, io: CliIo): void {
  const command = program
    .command("run")
    .description("simulate a scenario under one or more meshes and print a comparison table")
    .argument("<scenario>", "a YAML or JSON scenario file, or a built-in name (meshsim scenarios)");
  addPlanOptions(command, { unit: "run" })
    .option("--json [file]", "write the results document to file (- or none: stdout, instead of the table)")
    .option("--out <dir>", "write results.json and the report (charts, report.html) into this folder")
    .option("--shard <i/N>", "run only the i-th of N slices of the tasks and write a shard document (see meshsim merge)")
    .option("--traces <file>", "also write the simulated requests as OpenTelemetry spans (OTLP JSON Lines): apps and proxy passes")
    .option("--trace-sample <ratio>", "share of the measured requests to trace (0-1, chosen by a hash of each request, so the same ones under every mesh)", undefined)
    .option("--quiet", "no progress on stderr")
    .option("--wide", WIDE_HELP)
    .action(async (scenarioArgument: string, flags: RunFlags) => {
      if (flags.json === STDOUT_FILE) flags.json = true;
      const plan = planFromFlags(scenarioArgument, flags);
      const traces = traceOutputOf(flags);
      // Refuse a plan that cannot run (overload, a setting a mesh cannot express) before any note.
      prepareRun(plan);
      if (!flags.quiet) {
        for (const notice of plan.scenario.notices ?? []) io.stderr(`note: ${notice}\n`);
        // Without the table (whose footer lists them) the left-out meshes are said here.
        if (flags.json === true || flags.shard !== undefined) for (const note of skippedMeshNotes(plan.skippedMeshes)) io.stderr(note);
      }
      const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
      // A file that cannot be written fails now, not after the simulation.
      const fileInOut = shard !== undefined ? `shard-${shard.index}-of-${shard.count}.json` : "results.json";
      // A shard writes no report (merge --out does), so only a whole run's --out owns report.html and charts/.
      const report = reportOutputs(shard === undefined ? flags.out : undefined);
      probeOutputFiles(
        [["--json", flags.json, "document"], ["--out", flags.out && join(flags.out, fileInOut), "document"], ["--traces", traces?.file], ...report.files],
        report.folders,
      );
      const progress = createProgress(io, "tasks");
      const options = executeOptions(flags, io, progress);
      if (shard !== undefined) {
        await withTraceParts(traces, async (parts) => {
          const document = await runShard(plan, shard, { ...options, traces: parts?.options }).finally(progress.stop);
          const json = `${JSON.stringify(document)}\n`;
          const written = await withOutputBatch(io.signal, (batch) => {
            parts?.stage(batch);
            return stageJson(flags, json, fileInOut, batch);
          });
          sayWritten(flags, traces ? [traces.file, ...written] : written, io);
          if (printsJson(flags)) io.stdout(json);
        });
        return;
      }
      if (flags.out !== undefined) preloadChartRenderer();
      const { document, json, htmlPath } = await withTraceParts(traces, async (parts) => {
        const document = await runScenario(plan, { ...options, traces: parts?.options }).finally(progress.stop);
        const json = `${JSON.stringify(document, null, 2)}\n`;
        // Every file of the run (the document, the report, the traces) is put in place together, or none is.
        const { written, htmlPath } = await withOutputBatch(io.signal, async (batch) => {
          parts?.stage(batch);
          return {
            written: stageJson(flags, json, fileInOut, batch),
            htmlPath: flags.out !== undefined ? (await writeReport(flags.out, document, batch)).htmlPath : undefined,
          };
        });
        sayWritten(flags, traces ? [traces.file, ...written] : written, io);
        return { document, json, htmlPath };
      });
      io.stdout(printsJson(flags) ? json : `${renderRunOutput(document, tableWidth(flags, io))}\n`);
      if (htmlPath !== undefined) {
        // After the table on stdout: the last line a user sees is what to open next. With --json
        // alone stdout holds the document, so the path goes with the other notes to stderr.
        if (flags.json !== true) io.stdout(`\nreport: ${htmlPath}\n`);
        else if (!flags.quiet) io.stderr(`report: ${htmlPath}\n`);
      }
    });
}

// --- internal ---


function executeOptions(flags: RunFlags, io: CliIo, progress: Progress): RunOptions {
  return {
    workers: flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined,
    wallClock: io.now,
    signal: io.signal,
    onProgress: flags.quiet ? undefined : progress.update,
  };
}

/**
 * Stages the document where the flags ask: an --out folder, a --json file.
 * @returns the --out file staged, for the note that names it
 */
function stageJson(flags: RunFlags, json: string, fileInOut: string, batch: OutputBatch): string[] {
  const inOut = flags.out !== undefined ? [join(flags.out, fileInOut)] : [];
  for (const path of inOut) batch.stage(path, json);
  if (typeof flags.json === "string") batch.stage(flags.json, json);
  return inOut;
}

/** Whether the document goes to stdout: --json alone, or a shard with nowhere else to go. */
function printsJson(flags: RunFlags): boolean {
  return flags.json === true || (flags.shard !== undefined && flags.json === undefined && flags.out === undefined);
}

function sayWritten(flags: RunFlags, written: string[], io: CliIo): void {
  if (!flags.quiet) for (const path of written) io.stderr(`wrote ${path}\n`);
}
