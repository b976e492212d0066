/**
 * `meshsim run --traces <file> [--trace-sample <ratio>]`: the tasks write their spans into a private
 * folder, one part each; when the run is done the parts are joined in task order into the file,
 * staged with the run's other outputs (all are put in place together, or none; the folder is
 * removed either way).
 */

import { mkdtempSync, openSync, readSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OutputBatch } from "../../report/index.js";
import { tracePartFiles, type TraceOptions } from "../../runner/index.js";
import { STDOUT_FILE } from "../output-file.js";
import { parseRatio } from "../parse-values.js";
import { UsageError } from "../usage-error.js";

export interface TraceFlags {
  traces?: string;
  traceSample?: string;
}

/** The run's trace output, or undefined without --traces. */
export interface TraceOutput {
  file: string;
  sampleRatio: number;
}

/**
 * Checks the flags before anything runs.
 * @throws UsageError for a bad ratio, a ratio without --traces, or --traces -
 */
export function traceOutputOf(flags: TraceFlags): TraceOutput | undefined {
  const sampleRatio = flags.traceSample === undefined ? 1 : parseRatio(flags.traceSample, "--trace-sample");
  if (flags.traces === undefined) {
    if (flags.traceSample !== undefined) throw new UsageError("--trace-sample applies to --traces <file>; give the file too");
    return undefined;
  }
  if (flags.traces === STDOUT_FILE || flags.traces.trim() === "") throw new UsageError(`--traces needs a file name (the spans are written as OTLP JSON Lines), got ${JSON.stringify(flags.traces)}`);
  return { file: flags.traces, sampleRatio };
}

/** Where a run's tasks write their trace parts, and how the parts become the file. */
export interface TraceParts {
  /** For the run's tasks. */
  options: TraceOptions;
  /** Stages the parts, joined in task order, as the --traces file. */
  stage(batch: OutputBatch): void;
}

/**
 * Runs `work` (the run, then the staging of its outputs), given where its tasks write their parts
 * (undefined without --traces). The parts' folder is removed when it is done, whatever happened.
 * @example await withTraceParts(output, async (parts) => { ... parts?.stage(batch) ... })
 */
export async function withTraceParts<T>(output: TraceOutput | undefined, work: (parts: TraceParts | undefined) => Promise<T>): Promise<T> {
  if (output === undefined) return work(undefined);
  const folder = mkdtempSync(join(tmpdir(), "meshsim-traces-"));
  try {
    return await work({
      options: { folder, sampleRatio: output.sampleRatio },
      stage: (batch) => batch.stage(output.file, (append) => {
        for (const part of tracePartFiles(folder)) copyFile(part, append);
      }),
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// --- internal ---

const CHUNK_BYTES = 1 << 20;

/** Streams a part into the output a chunk at a time, so no part is ever held whole. */
function copyFile(path: string, append: (bytes: Uint8Array) => void): void {
  const descriptor = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null); read > 0; read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null)) {
      append(buffer.subarray(0, read));
    }
  } finally {
    closeSync(descriptor);
  }
}
