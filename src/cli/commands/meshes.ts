/**
 * `meshsim meshes`: the mesh profiles in models/ with their architecture, proxy and default
 * mTLS, then the feature matrix (SOURCES.md section 2).
 */

import type { Command } from "commander";
import Table from "cli-table3";
import { FEATURE_SETTINGS, SIMULATED_FEATURES } from "../../mesh/index.js";
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

/**
 * Features as rows, meshes as columns. The simulated features come first, answered by the run's
 * own checks (so the matrix never offers what `run` refuses), marked * when the profile's note
 * qualifies them; then the features meshsim does not simulate, read from the notes.
 */
function renderFeatureMatrix(meshes: MeshDescription[]): string {
  const meshed = meshes.filter((mesh) => mesh.id !== "none");
  if (meshed.length === 0) return "";
  const table = new Table({
    head: ["feature", "asked by", ...meshed.map((mesh) => mesh.id)],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const feature of SIMULATED_FEATURES) {
    table.push([feature, FEATURE_SETTINGS[feature], ...meshed.map((mesh) => simulatedCell(mesh.supports[feature], mesh.features[feature]))]);
  }
  const simulated = new Set<string>(SIMULATED_FEATURES);
  const noted = [...new Set(meshed.flatMap((mesh) => Object.keys(mesh.features)))].filter((feature) => !simulated.has(feature));
  for (const feature of noted) table.push([feature, "(not simulated)", ...meshed.map((mesh) => cell(mesh.features[feature]))]);
  return `${table.toString()}
Simulated rows: what meshsim run accepts (yes) or refuses (no); * when the profile's note qualifies it. Rows not simulated come from the notes: yes* / no* with a qualifying note; partly: only in a limited form (e.g. raw proxy config); opt-in: off by default; any*: none of its own, works with any third-party one. meshsim meshes --json gives every note.`;
}

/** A simulated feature: the run's answer, starred when the profile's note says more. */
function simulatedCell(supported: boolean, note: boolean | string | undefined): string {
  return `${supported ? "yes" : "no"}${typeof note === "string" ? "*" : ""}`;
}

/**
 * A note describes how a feature is supported unless it opens by denying, limiting or deferring
 * it: "off"/"none by default" is an opt-in, "any" means it works with any (third-party) one.
 */
function cell(value: boolean | string | undefined): string {
  if (value === true) return "yes";
  if (value === false || value === undefined) return "no";
  const note = value.replace(/^\[unverified\]:?\s*/i, "");
  if (/^(off|none by default)\b/i.test(note)) return "opt-in";
  if (/^any\b/i.test(note) || /^none of its own/i.test(note) || /^works with any/i.test(note)) return "any*";
  if (/^(no|none|false|n\/a|not)\b/i.test(note)) return "no*";
  if (/^(only|partly|limited)\b/i.test(note)) return "partly";
  return "yes*";
}
