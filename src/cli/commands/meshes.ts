/**
 * `meshsim meshes`: the mesh profiles in models/ with their architecture, proxy and default
 * mTLS, then the feature matrix (SOURCES.md section 2).
 */

import type { Command } from "commander";
import { FEATURE_SETTINGS, SIMULATED_FEATURES } from "../../mesh/index.js";
import { hiddenColumnsNote, renderFittedTable, wrapLines, type TableColumn } from "../../report/index.js";
import { describeMeshes, type MeshDescription } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";

export function addMeshesCommand(program: Command, io: CliIo): void {
  program
    .command("meshes")
    .description("list the mesh profiles with their architecture and feature matrix")
    .option("--json", "print as JSON")
    .option("--wide", WIDE_HELP)
    .action((flags: { json?: boolean; wide?: boolean }) => {
      const meshes = describeMeshes();
      if (flags.json) {
        io.stdout(`${JSON.stringify(meshes, null, 2)}\n`);
        return;
      }
      const maxWidth = tableWidth(flags, io);
      io.stdout(`${renderProfiles(meshes, maxWidth)}\n\n${renderFeatureMatrix(meshes, maxWidth)}\n`);
    });
}

// --- internal ---

const PROFILE_COLUMNS: TableColumn[] = [
  { head: "id" },
  { head: "name", wrapTo: 14 },
  { head: "version", wrapTo: 24, dropRank: 1 },
  { head: "architecture" },
  { head: "proxy", wrapTo: 16, dropRank: 2 },
  { head: "default mTLS", wrapTo: 7 },
];

function renderProfiles(meshes: MeshDescription[], maxWidth: number | undefined): string {
  const rows = meshes.map((mesh) => [mesh.id, mesh.name, mesh.version, mesh.architecture, mesh.proxy, mesh.defaultMtls]);
  const table = renderFittedTable(PROFILE_COLUMNS, rows, { maxWidth, grid: true });
  return table.hidden.length > 0 ? `${table.text}\n${hiddenColumnsNote(table.hidden)}` : table.text;
}

/**
 * Features as rows, meshes as columns. The simulated features come first, answered by the run's
 * own checks (so the matrix never offers what `run` refuses), marked * when the profile's note
 * qualifies them; then the features meshsim does not simulate, read from the notes.
 */
function renderFeatureMatrix(meshes: MeshDescription[], maxWidth: number | undefined): string {
  const meshed = meshes.filter((mesh) => mesh.id !== "none");
  if (meshed.length === 0) return "";
  const simulated = new Set<string>(SIMULATED_FEATURES);
  const noted = [...new Set(meshed.flatMap((mesh) => Object.keys(mesh.features)))].filter((feature) => !simulated.has(feature));
  const matrix = (group: MeshDescription[]) => {
    const columns: TableColumn[] = [{ head: "feature" }, { head: "asked by", dropRank: 1 }, ...group.map((mesh) => ({ head: mesh.id }))];
    const rows = [
      ...SIMULATED_FEATURES.map((feature) => [feature, FEATURE_SETTINGS[feature], ...group.map((mesh) => simulatedCell(mesh.supports[feature], mesh.features[feature]))]),
      ...noted.map((feature) => [feature, "(not simulated)", ...group.map((mesh) => cell(mesh.features[feature]))]),
    ];
    return renderFittedTable(columns, rows, { maxWidth });
  };
  // Too many meshes for the terminal: the matrix in as few parts side by side as fit, each
  // repeating the feature names.
  let tables = [matrix(meshed)];
  for (let parts = 2; maxWidth !== undefined && parts <= meshed.length && tables.some((table) => widest(table.text) > maxWidth); parts++) {
    const size = Math.ceil(meshed.length / parts);
    tables = Array.from({ length: parts }, (_, part) => meshed.slice(part * size, (part + 1) * size)).filter((group) => group.length > 0).map(matrix);
  }
  const note =
    "Simulated rows: what meshsim run accepts (yes) or refuses (no); * when the profile's note qualifies it. Rows not simulated come from the notes: yes* / no* with a qualifying note; partly: only in a limited form (e.g. raw proxy config); opt-in: off by default; any*: none of its own, works with any third-party one. meshsim meshes --json gives every note.";
  return [...tables.map((table) => table.text), ...wrapLines([note], maxWidth)].join("\n");
}

function widest(text: string): number {
  return Math.max(...text.split("\n").map((line) => line.length));
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
