/**
 * `meshsim scenarios`: the built-in scenarios with their size and load.
 */

import type { Command } from "commander";
import Table from "cli-table3";
import { loadScenario } from "../../import/index.js";
import { builtInScenarioNames } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";

export function addScenariosCommand(program: Command, io: CliIo): void {
  program
    .command("scenarios")
    .description("list the built-in scenarios")
    .option("--json", "print as JSON")
    .action((flags: { json?: boolean }) => {
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
      const table = new Table({ head: ["name", "services", "request types", "load", "description"], style: { head: [], border: [] }, colWidths: [18, 10, 15, 14, 60], wordWrap: true });
      for (const row of rows) table.push([row.name, row.services, row.requestTypes, row.load, row.description]);
      io.stdout(`${table.toString()}\n`);
    });
}
