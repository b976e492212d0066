/**
 * `meshsim validate`: the model against queueing theory (and, as mesh models land, against the
 * published calibration figures), printed as predicted vs expected with errors.
 */

import type { Command } from "commander";
import { renderValidationTable } from "../../report/index.js";
import { DEFAULT_REQUESTS_PER_CHECK, runTheoryChecks } from "../../validation/index.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_CHECK_FAILED } from "../exit-codes.js";
import { parsePositiveInteger } from "../parse-values.js";

export function addValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("validate")
    .description("check the simulator against queueing theory: predicted vs expected, with errors")
    .option("--workers <n>", "worker threads (default: one per core)")
    .option("--requests <n>", "simulated requests per check", String(DEFAULT_REQUESTS_PER_CHECK))
    .option("--json", "print the rows as JSON")
    .action(async (flags: { workers?: string; requests: string; json?: boolean }) => {
      const rows = await runTheoryChecks({
        workers: flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined,
        requestsPerCheck: parsePositiveInteger(flags.requests, "--requests"),
      });
      io.stdout(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : `${renderValidationTable(rows)}\n`);
      if (rows.some((row) => !row.pass)) setExitCode(EXIT_CHECK_FAILED);
    });
}
