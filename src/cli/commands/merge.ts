/**
 * `meshsim merge <shard.json …>`: joins the shard documents of a sharded run (or sweep) into the
 * results document an unsharded run (or sweep) writes, byte for byte outside `meta`.
 */

import { join } from "node:path";
import type { Command } from "commander";
import { renderSweepTable, withOutputBatch } from "../../report/index.js";
import { createMeta, mergeShards } from "../../runner/index.js";
import { MAX_RESULTS_BYTES, readDocument } from "../../scenario/index.js";
import { isSweepShard, mergeSweepShards } from "../../sweep/index.js";
import type { CliIo } from "../cli-io.js";
import { renderRunOutput } from "./_run-output.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";
import { STDOUT_FILE } from "../output-file.js";

export function addMergeCommand(program: Command, io: CliIo): void {
  program
    .command("merge")
    .description("merge shard documents (meshsim run or sweep --shard i/N) into one results document")
    .argument("<shards...>", "the shard documents, in any order")
    .option("--json [file]", "write the results document to file (- or none: stdout, instead of the table)")
    .option("--out <dir>", "write results.json into this folder")
    .option("--wide", WIDE_HELP)
    .action(async (files: string[], flags: { json?: string | boolean; out?: string; wide?: boolean }) => {
      if (flags.json === STDOUT_FILE) flags.json = true;
      const started = io.now();
      const shards = files.map((file) => ({ file, value: readDocument(file, file, MAX_RESULTS_BYTES).value }));
      const meta = createMeta({ wallClock: io.now }, started, 0);
      // A sweep's shards are merged as a sweep; a run's shard among them is refused there.
      const sweep = shards.some(({ value }) => isSweepShard(value)) ? mergeSweepShards(shards, meta) : undefined;
      const document = sweep ?? mergeShards(shards, meta);
      const json = `${JSON.stringify(document, null, 2)}\n`;
      await withOutputBatch(io.signal, (batch) => {
        if (flags.out !== undefined) batch.stage(join(flags.out, "results.json"), json);
        if (typeof flags.json === "string") batch.stage(flags.json, json);
      });
      const table = sweep ? renderSweepTable(sweep, { maxWidth: tableWidth(flags, io) }) : renderRunOutput(document, tableWidth(flags, io));
      io.stdout(flags.json === true ? json : `${table}\n`);
    });
}
