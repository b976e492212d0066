/**
 * `meshsim meshes`: the mesh profiles in models/ with their architecture, proxy and default
 * mTLS, then the feature matrix (calibration.md section 2).
 */

import type { Command } from "commander";
import Table from "cli-table3";
import { describeMeshes, type MeshDescription } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";

export function addMeshesCommand(program: Command, io: CliIo): void {
  program
    .command("meshes")
    .description("list the mesh profiles with their architecture and feature matrix")
    .option("--json", "print as JSON")
    .action((flags: { json?: boolean }) => {
      const meshes = describeMeshes();
      if (flags.json) {
        io.stdout(`${JSON.stringify(meshes, null, 2)}\n`);
        return;
      }
      io.stdout(`${renderProfiles(meshes)}\n\n${renderFeatureMatrix(meshes)}\n`);
    });
}

// --- internal ---

function renderProfiles(meshes: MeshDescription[]): string {
  const table = new Table({ head: ["id", "name", "version", "architecture", "proxy", "default mTLS"], style: { head: [], border: [] } });
  for (const mesh of meshes) table.push([mesh.id, mesh.name, mesh.version, mesh.architecture, mesh.proxy, mesh.defaultMtls]);
  return table.toString();
}

/** Features as rows, meshes as columns: yes, no, or "note" when the profile qualifies it (see --json). */
function renderFeatureMatrix(meshes: MeshDescription[]): string {
  const withFeatures = meshes.filter((mesh) => Object.keys(mesh.features).length > 0);
  if (withFeatures.length === 0) return "";
  const features = [...new Set(withFeatures.flatMap((mesh) => Object.keys(mesh.features)))];
  const table = new Table({ head: ["feature", ...withFeatures.map((mesh) => mesh.id)], style: { head: [], border: [] } });
  for (const feature of features) {
    table.push([feature, ...withFeatures.map((mesh) => cell(mesh.features[feature]))]);
  }
  return `${table.toString()}\nyes* / no*: with a qualifying note; partly: supported with limits. meshsim meshes --json gives every note.`;
}

function cell(value: boolean | string | undefined): string {
  if (value === true) return "yes";
  if (value === false || value === undefined) return "no";
  return /^(yes|true)\b/i.test(value) ? "yes*" : /^(no|false)\b/i.test(value) ? "no*" : "partly";
}
