/**
 * `meshsim scenarios`: the built-in scenarios with their size and load.
 */

import type { Command } from "commander";
import { loadScenario } from "../../import/index.js";
import { renderFittedTable, type TableColumn } from "../../report/index.js";
import { builtInScenarioNames } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";

const COLUMNS: TableColumn[] = [
  { head: "name" },
  { head: "services", align: "right" },
  { head: "request types", align: "right", wrapTo: 8 },
  { head: "load", wrapTo: 10 },
  { head: "description", wrapTo: 12 },
];

export function addScenariosCommand(program: Command, io: CliIo): void {
  program
    .command("scenarios")
    .description("list the built-in scenarios")
    .option("--json", "print as JSON")
    .option("--wide", WIDE_HELP)
    .action((flags: { json?: boolean; wide?: boolean }) => {
      const rows = builtInScenarioNames().map((name) => {
        const scenario = loadScenario(name);
        const { load, topology } = scenario;
        return {
          name,
          services: topology.services.length,
          requestTypes: topology.requestTypes.length,
          load: load.type === "open" ? `open ${load.ratePerSec}/s` : `closed ${load.connections} users`,
          description: scenario.description.split("\n")[0],
        };
      });
      if (flags.json) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const table = renderFittedTable(
        COLUMNS,
        rows.map((row) => [row.name, String(row.services), String(row.requestTypes), row.load, row.description]),
        { maxWidth: tableWidth(flags, io), grid: true },
      );
      io.stdout(`${table.text}\n`);
    });
}
