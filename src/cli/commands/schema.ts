/**
 * `meshsim schema`: the JSON Schema of scenario files, for editors (yaml-language-server).
 */

import type { Command } from "commander";
import { SCENARIO_SCHEMA, withDurationStrings } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";

export function addSchemaCommand(program: Command, io: CliIo): void {
  program
    .command("schema")
    .description("print the JSON Schema of scenario files")
    // Time fields also take duration strings (`durationS: 1m30s`), read before validation.
    .action(() => io.stdout(`${JSON.stringify(withDurationStrings(SCENARIO_SCHEMA), null, 2)}\n`));
}
