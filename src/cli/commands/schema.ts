/**
 * `meshsim schema`: the JSON Schema of scenario files, for editors (yaml-language-server).
 */

import type { Command } from "commander";
import { SCENARIO_SCHEMA } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";

export function addSchemaCommand(program: Command, io: CliIo): void {
  program
    .command("schema")
    .description("print the JSON Schema of scenario files")
    .action(() => io.stdout(`${JSON.stringify(SCENARIO_SCHEMA, null, 2)}\n`));
}
