/**
 * `meshsim schema`: the JSON Schema of scenario files, for editors (yaml-language-server); with
 * `--results`, the JSON Schema of the results document, for scripts that read it.
 */

import type { Command } from "commander";
import { RESULTS_SCHEMA } from "../../runner/index.js";
import { SCENARIO_SCHEMA, withDurationStrings } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";

export function addSchemaCommand(program: Command, io: CliIo): void {
  program
    .command("schema")
    .description("print the JSON Schema of scenario files (or, with --results, of the results document)")
    .option("--results", "the results document's schema (meshsim run --json, merge, sweep --json) instead")
    .action((flags: { results?: boolean }) => {
      // Time fields of a scenario also take duration strings (`durationS: 1m30s`), read before validation.
      const schema = flags.results ? RESULTS_SCHEMA : withDurationStrings(SCENARIO_SCHEMA);
      io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
