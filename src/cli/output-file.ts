/**
 * Where a flag that takes an output file writes: `-` is stdout, as in most Unix tools, so that
 * `--json -` or `--markdown -` pipe instead of creating a file named "-". Only one output can
 * have stdout, and when one does, the command's table stays off it.
 */

import { probeOutputs, type OutputBatch } from "../report/index.js";
import type { CliIo } from "./cli-io.js";
import { UsageError } from "./usage-error.js";

/** The file name that means stdout. */
export const STDOUT_FILE = "-";

/**
 * Stages `content` for the file in the command's batch, or prints it when the file is `-`.
 * @example writeOutputFile("-", json, io, batch) // prints the document
 */
export function writeOutputFile(file: string, content: string, io: CliIo, batch: OutputBatch): void {
  if (file === STDOUT_FILE) io.stdout(content);
  else batch.stage(file, content);
}

/**
 * Fails at once, naming the file, when any of a command's output files cannot be written, before
 * the simulation that fills them runs; leaves nothing behind. Flags not given, given without a
 * file, or `-` (stdout) are skipped.
 * @throws OutputError naming the first file that cannot be written
 * @example probeOutputFiles([flags.json, flags.out && join(flags.out, "results.json")])
 */
export function probeOutputFiles(files: ReadonlyArray<string | boolean | undefined>): void {
  probeOutputs(files.filter((file): file is string => typeof file === "string" && file !== STDOUT_FILE));
}

/**
 * The one flag that asks for stdout, of `[flag, asks]` pairs; none when no flag does.
 * @throws UsageError when several flags ask for stdout: their outputs would interleave
 * @example stdoutClaimant([["--json", true], ["--junit", false]]) // "--json"
 */
export function stdoutClaimant(flags: Array<[flag: string, asks: boolean]>): string | undefined {
  const claimants = flags.filter(([, asks]) => asks).map(([flag]) => flag);
  if (claimants.length > 1) {
    throw new UsageError(`${claimants.join(" and ")} each ask for stdout; write all but one of them to a file`);
  }
  return claimants[0];
}
