/**
 * `meshsim merge <shard.json …>`: joins the shard documents of a sharded run (or sweep) into the
 * results document an unsharded run (or sweep) writes, byte for byte outside `meta`.
 */

import { join } from "node:path";
import type { Command } from "commander";
import { renderSweepTable, withOutputBatch, writeReport } from "../../report/index.js";
import { createMeta, mergeShards } from "../../runner/index.js";
import { MAX_RESULTS_BYTES, readDocument } from "../../scenario/index.js";
import { isSweepShard, mergeSweepShards } from "../../sweep/index.js";
import type { CliIo } from "../cli-io.js";
import { renderRunOutput } from "./_run-output.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";
import { probeOutputFiles, reportOutputs, STDOUT_FILE } from "../output-file.js";

export function addMergeCommand(program: Command, io: CliIo): void {
  program
    .command("merge")
    .description("merge shard documents (meshsim run or sweep --shard i/N) into one results document")
    .argument("<shards...>", "the shard documents, in any order")
    .option("--json [file]", "write the results document to file (- or none: stdout, instead of the table)")
    .option("--out <dir>", "write results.json and the report (charts, report.html) into this folder, as run --out does")
    .option("--wide", WIDE_HELP)
    .action(async (files: string[], flags: { json?: string | boolean; out?: string; wide?: boolean }) => {
      if (flags.json === STDOUT_FILE) flags.json = true;
      const report = reportOutputs(flags.out);
      probeOutputFiles([["--json", flags.json, "document"], ["--out", flags.out && join(flags.out, "results.json"), "document"], ...report.files], report.folders);
      const started = io.now();
      const shards = files.map((file) => ({ file, value: readDocument(file, file, MAX_RESULTS_BYTES).value }));
      const meta = createMeta({ wallClock: io.now }, started, 0);
      // A sweep's shards are merged as a sweep; a run's shard among them is refused there.
      const sweep = shards.some(({ value }) => isSweepShard(value)) ? mergeSweepShards(shards, meta) : undefined;
      const document = sweep ?? mergeShards(shards, meta);
      const json = `${JSON.stringify(document, null, 2)}\n`;
      // The document and the report are put in place together, or neither is.
      const htmlPath = await withOutputBatch(io.signal, async (batch) => {
        if (typeof flags.json === "string") batch.stage(flags.json, json);
        if (flags.out === undefined) return undefined;
        batch.stage(join(flags.out, "results.json"), json);
        return (await writeReport(flags.out, document, batch)).htmlPath;
      });
      const table = sweep ? renderSweepTable(sweep, { maxWidth: tableWidth(flags, io) }) : renderRunOutput(document, tableWidth(flags, io));
      io.stdout(flags.json === true ? json : `${table}\n`);
      if (htmlPath !== undefined) {
        // As run does: the last line on stdout is what to open next, unless stdout holds the document.
        if (flags.json !== true) io.stdout(`\nreport: ${htmlPath}\n`);
        else io.stderr(`report: ${htmlPath}\n`);
      }
    });
}
