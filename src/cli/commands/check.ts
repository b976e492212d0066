/**
 * `meshsim check <results.json|scenario>`: the CI gate. Thresholds (`--threshold 'p99<50ms'`)
 * and regressions against a baseline (`--baseline base.json --max-regression p99=5%`) become a
 * diff table on stdout and, where asked, JUnit XML, Markdown and github-action-benchmark JSON.
 * Exit 0 when every check passes, 3 when one fails, 2 on bad input.
 */

import type { Command } from "commander";
import {
  DEFAULT_MAX_REGRESSION,
  parseRegressionLimits,
  parseThreshold,
  readResults,
  renderCheckTable,
  renderJunit,
  renderMarkdown,
  runCheck,
  toGithubBenchmark,
} from "../../check/index.js";
import { withOutputBatch } from "../../report/index.js";
import type { CliIo } from "../cli-io.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";
import { EXIT_CHECK_FAILED } from "../exit-codes.js";
import { probeOutputFiles, STDOUT_FILE, stdoutClaimant, writeOutputFile, type PlannedOutput } from "../output-file.js";
import { UsageError } from "../usage-error.js";
import { addRunPlanOptions, resolveInput, type RunPlanFlags } from "./_scenario-input.js";

interface CheckFlags extends RunPlanFlags {
  threshold?: string[];
  baseline?: string;
  maxRegression?: string[];
  allowMissing?: boolean;
  junit?: string;
  markdown?: string;
  githubBenchmark?: string;
  saveResults?: string;
  json?: boolean;
  wide?: boolean;
}

export function addCheckCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command("check")
    .description("CI gate: thresholds and regressions against a baseline; exit 0 pass, 3 failed, 2 bad input")
    .argument("<input>", "a results document (meshsim run --json), or a scenario to run first with meshsim run's defaults")
    .option(
      "--threshold <expr>",
      "[mesh[@rps][/requestType]:]metric<value, e.g. p99<50ms, istio/checkout:p99<80ms; over time p99[30s..1m]<80ms, worst(p99)<100ms; failedRate<1% is an absolute share (at most 1% of requests fail) (repeatable)",
      collect,
    )
    .option("--baseline <file>", "a results document to compare with (runs matched by mesh, rps and request type)")
    .option(
      "--max-regression <list>",
      `[selector:]metric=limit,… e.g. p99=5%,vcpu=10%: N% is relative to the baseline (failedRate=1% lets a 2% share grow to 2.02%, and a 0% one not at all); other limits are absolute, in the metric's units (p99=2ms, failedRate=0.5pp: half a percentage point) (repeatable; default ${DEFAULT_MAX_REGRESSION})`,
      collect,
    )
    .option("--allow-missing", "baseline runs missing from the results are reported, not failed")
    .option("--junit <file>", "also write JUnit XML, one test case per check (- for stdout, instead of the table)")
    .option("--markdown <file>", "also write a Markdown table (pull-request comment, $GITHUB_STEP_SUMMARY) (- for stdout, instead of the table)")
    .option("--github-benchmark <file>", "also write github-action-benchmark customSmallerIsBetter JSON of the results (- for stdout, instead of the table)")
    .option("--save-results <file>", "scenario input: also write the results document (e.g. to refresh the baseline; - for stdout)")
    .option("--json", "print the checks as JSON instead of the table")
    .option("--quiet", "no progress or notes on stderr")
    .option("--wide", WIDE_HELP);
  addRunPlanOptions(command).action(async (input: string, flags: CheckFlags) => {
    // Every expression is parsed before anything runs: a typo costs no simulation.
    const thresholds = (flags.threshold ?? []).map((text) => parseThreshold(text));
    const maxRegression = flags.maxRegression ?? [];
    if (maxRegression.length > 0 && flags.baseline === undefined) throw new UsageError("--max-regression needs --baseline <file> to compare with");
    if (thresholds.length === 0 && flags.baseline === undefined) {
      throw new UsageError("check needs something to check: give --threshold 'p99<50ms' (repeatable) or --baseline <results.json>");
    }
    // One output may take stdout (`--markdown -`); the table then stays off it.
    const stdoutTaker = stdoutClaimant([
      ["--json", flags.json === true],
      ...OUTPUT_FLAGS.map(([key, flag]): [string, boolean] => [flag, flags[key] === STDOUT_FILE]),
    ]);
    const defaultLimits = maxRegression.length === 0;
    const limits = flags.baseline === undefined ? [] : (defaultLimits ? [DEFAULT_MAX_REGRESSION] : maxRegression).flatMap((text) => parseRegressionLimits(text));
    const baseline = flags.baseline === undefined ? undefined : { document: readResults(flags.baseline), source: flags.baseline };

    // A file that cannot be written fails now, not after a scenario input's simulation.
    probeOutputFiles(OUTPUT_FLAGS.map(([key, flag]): PlannedOutput => [flag, flags[key] as string | undefined]));
    const resolved = await resolveInput(input, flags, io);
    const allowMissing = flags.allowMissing === true;
    // The output files are put in place together once all are written, or none is.
    const outcome = await withOutputBatch(io.signal, (batch) => {
      if (flags.saveResults !== undefined) {
        if (resolved.scenario === undefined) throw new UsageError(`--save-results applies when the input is a scenario; ${input} is a results document`);
        writeOutputFile(flags.saveResults, `${JSON.stringify(resolved.results, null, 2)}\n`, io, batch);
      }
      const checked = runCheck({ results: resolved.results, resultsSource: resolved.source, thresholds, baseline, limits, defaultLimits, allowMissing });
      if (flags.junit !== undefined) writeOutputFile(flags.junit, renderJunit(checked.rows, { allowMissing, baselineSource: baseline?.source }), io, batch);
      if (flags.markdown !== undefined) {
        writeOutputFile(flags.markdown, renderMarkdown(checked.rows, { allowMissing, title: resolved.results.scenario.name, notes: checked.notes }), io, batch);
      }
      if (flags.githubBenchmark !== undefined) writeOutputFile(flags.githubBenchmark, `${JSON.stringify(toGithubBenchmark(resolved.results), null, 2)}\n`, io, batch);
      return checked;
    });
    if (flags.json) io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
    else if (stdoutTaker === undefined) io.stdout(`${renderCheckTable(outcome.rows, { allowMissing, notes: outcome.notes, maxWidth: tableWidth(flags, io) })}\n`);
    if (outcome.summary.failing) setExitCode(EXIT_CHECK_FAILED);
  });
}

// --- internal ---

/** The flags that take an output file, any of which may be `-` (stdout). */
const OUTPUT_FLAGS: Array<[keyof CheckFlags, string]> = [
  ["junit", "--junit"],
  ["markdown", "--markdown"],
  ["githubBenchmark", "--github-benchmark"],
  ["saveResults", "--save-results"],
];

/** Gathers a repeatable flag's values (no default, so help shows none). */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
