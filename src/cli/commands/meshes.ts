/**
 * `meshsim meshes`: the mesh profiles in models/.
 */

import type { Command } from "commander";
import Table from "cli-table3";
import { describeMeshes } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";

export function addMeshesCommand(program: Command, io: CliIo): void {
  program
    .command("meshes")
    .description("list the mesh profiles")
    .option("--json", "print as JSON")
    .action((flags: { json?: boolean }) => {
      const meshes = describeMeshes();
      if (flags.json) {
        io.stdout(`${JSON.stringify(meshes, null, 2)}\n`);
        return;
      }
      const table = new Table({ head: ["id", "name", "architecture", "description"], style: { head: [], border: [] } });
      for (const mesh of meshes) table.push([mesh.id, mesh.name, mesh.architecture, mesh.description]);
      io.stdout(`${table.toString()}\n`);
    });
}
