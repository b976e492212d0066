/**
 * `meshsim validate`: the model against queueing theory and against the published calibration
 * figures of the mesh profiles, printed as predicted vs expected with errors.
 */

import type { Command } from "commander";
import { renderValidationTable } from "../../report/index.js";
import { DEFAULT_REQUESTS_PER_CHECK, runCalibrationChecks, runTheoryChecks, type ValidationRow } from "../../validation/index.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_CHECK_FAILED } from "../exit-codes.js";
import { parseChoice, parsePositiveInteger } from "../parse-values.js";

const PARTS = ["all", "theory", "calibration"] as const;

export function addValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("validate")
    .description("check the simulator against queueing theory and the published mesh figures: predicted vs expected")
    .option("--only <part>", "theory or calibration (default: both)", "all")
    .option("--workers <n>", "worker threads (default: one per core)")
    .option("--requests <n>", "simulated requests per theory check", String(DEFAULT_REQUESTS_PER_CHECK))
    .option("--json", "print the rows as JSON")
    .action(async (flags: { only: string; workers?: string; requests: string; json?: boolean }) => {
      const part = parseChoice(flags.only, PARTS, "--only");
      const workers = flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined;
      const rows: ValidationRow[] = [];
      if (part !== "calibration") {
        rows.push(...(await runTheoryChecks({ workers, requestsPerCheck: parsePositiveInteger(flags.requests, "--requests") })));
      }
      if (part !== "theory") rows.push(...(await runCalibrationChecks({ workers })));
      io.stdout(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : `${renderValidationTable(rows)}\n`);
      if (rows.some((row) => !row.pass)) setExitCode(EXIT_CHECK_FAILED);
    });
}
