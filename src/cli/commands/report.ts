/**
 * `meshsim report <results.json> [--out dir]`: charts (vega-lite JSON, SVG, PNG) and a
 * self-contained report.html from a results document of `run`, `merge` or `sweep`, beside the
 * document unless `--out` says where.
 */

import { dirname } from "node:path";
import type { Command } from "commander";
import { readResults } from "../../check/index.js";
import { withOutputBatch, writeReport } from "../../report/index.js";
import type { CliIo } from "../cli-io.js";

export function addReportCommand(program: Command, io: CliIo): void {
  program
    .command("report")
    .description("write charts (vega-lite JSON, SVG, PNG) and a self-contained report.html from a results document")
    .argument("<results.json>", "a results document (meshsim run --json, meshsim merge, meshsim sweep --json)")
    .option("--out <dir>", "folder for charts/ and report.html, created if needed (default: the folder the document is in)")
    .action(async (file: string, flags: { out?: string }) => {
      // A sweep whose every load overloaded a station is still worth a report: it says so.
      const document = readResults(file, { acceptOverloadedSweep: true });
      // Next to its input, as run --out lays them out: out/results.json, out/report.html, out/charts/.
      const { htmlPath } = await withOutputBatch(io.signal, (batch) => writeReport(flags.out ?? dirname(file), document, batch));
      // The report is this command's result: its path on stdout, for `open "$(meshsim report …)"`.
      io.stdout(`${htmlPath}\n`);
    });
}
