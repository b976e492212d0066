/**
 * Where a flag that takes an output file writes: `-` is stdout, as in most Unix tools, so that
 * `--json -` or `--markdown -` pipe instead of creating a file named "-". Only one output can
 * have stdout, and when one does, the command's table stays off it.
 */

import { join, resolve, sep } from "node:path";
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
 * An output a command will write: the flag that asks for it, its file (not given, given without
 * a file, or `-` for stdout: nothing to write), and what it holds when two flags may write the
 * same thing (`run --out dir --json dir/results.json`: the results document both times).
 */
export type PlannedOutput = [flag: string, file: string | boolean | undefined, holds?: string];

/**
 * Fails at once, naming the file, when any of a command's output files cannot be written, before
 * the simulation that fills them runs; leaves nothing behind. Two flags naming one file for
 * different contents are refused: the last written would silently replace the other.
 * A file inside one of `folders` (a folder another flag fills, as `--out dir`'s `charts/`) is
 * refused too.
 * @throws UsageError naming both flags when they name one file for different contents, or a file inside such a folder
 * @throws OutputError naming the first file that cannot be written
 * @example probeOutputFiles([["--json", flags.json, "results"], ["--out", flags.out && join(flags.out, "results.json"), "results"]])
 */
export function probeOutputFiles(outputs: readonly PlannedOutput[], folders: readonly PlannedOutput[] = []): void {
  const files = outputs.filter((output): output is [string, string, string?] => typeof output[1] === "string" && output[1] !== STDOUT_FILE);
  const byPath = new Map<string, [string, string, string?]>();
  for (const output of files) {
    const [flag, file, holds = flag] = output;
    const earlier = byPath.get(resolve(file));
    if (earlier !== undefined && (earlier[2] ?? earlier[0]) !== holds) {
      throw new UsageError(`${earlier[0]} and ${flag} both write ${file}: give each its own file`);
    }
    byPath.set(resolve(file), output);
  }
  for (const [flag, folder] of folders) {
    if (typeof folder !== "string") continue;
    const root = resolve(folder);
    const inside = files.find(([, file]) => resolve(file) === root || resolve(file).startsWith(`${root}${sep}`));
    if (inside !== undefined) throw new UsageError(`${inside[0]} names ${inside[1]}, in the folder ${folder} that ${flag} fills: give it a file outside it`);
  }
  probeOutputs(files.map(([, file]) => file));
}

/**
 * What `--out dir`'s report writes beside the results document: `report.html`, and the folder
 * `charts/` whose files depend on the results. Another flag naming one of them would be
 * silently replaced by the report (or replace it).
 * @example probeOutputFiles([["--json", flags.json, "document"], ...reportOutputs(flags.out).files], reportOutputs(flags.out).folders)
 */
export function reportOutputs(out: string | undefined): { files: PlannedOutput[]; folders: PlannedOutput[] } {
  if (out === undefined) return { files: [], folders: [] };
  return { files: [["--out", join(out, "report.html"), "report"]], folders: [["--out", join(out, "charts"), "report"]] };
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
