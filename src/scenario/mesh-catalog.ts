/**
 * The mesh profiles available to a run: one YAML file per mesh in the package's models/
 * folder. Resolves `--mesh` lists (ids, aliases, `all`) and names an unknown id clearly.
 */

import { readdirSync } from "node:fs";
import { supportedFeatures, type SimulatedFeature } from "../mesh/index.js";
import { loadMeshProfile } from "./load-mesh-profile.js";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";
import { ScenarioError } from "./scenario-error.js";
import { suggest } from "./validate-document.js";

/** Other names users know the meshes by. */
const MESH_ALIASES: Record<string, string> = { linkerd: "linkerd2" };

/** Ids of the mesh profiles in models/, `none` first, then alphabetical. */
export function meshIds(): string[] {
  const ids = readdirSync(join(packageRoot(), "models"))
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => file.slice(0, -".yaml".length));
  return ids.sort((a, b) => (a === "none" ? -1 : b === "none" ? 1 : a.localeCompare(b)));
}

/** Where a mesh list came from: a flag (`file` empty) or a scenario file's field. */
export interface MeshListSource {
  file: string;
  field: string;
}

/**
 * Resolves a comma-separated or listed choice of meshes to profile ids, in the order given.
 * @throws ScenarioError naming the flag or the file and field for an unknown id
 * @example resolveMeshIds(["all"], { file: "", field: "--mesh" }) // every profile id
 */
export function resolveMeshIds(requested: string[], source: MeshListSource): string[] {
  const known = meshIds();
  const resolved: string[] = [];
  for (const entry of requested.flatMap((item) => item.split(",")).map((item) => item.trim()).filter(Boolean)) {
    const ids = entry === "all" ? known : [MESH_ALIASES[entry] ?? entry];
    for (const id of ids) {
      if (!known.includes(id)) {
        const hint = suggest(id, known);
        const shown = /^[\w.-]+$/.test(id) ? id : JSON.stringify(id);
        throw new ScenarioError(source.file, source.field, `names unknown mesh ${shown}${hint ? ` (did you mean ${hint}?)` : ""}; profiles in models/: ${known.join(", ")}`);
      }
      if (!resolved.includes(id)) resolved.push(id);
    }
  }
  if (resolved.length === 0) throw new ScenarioError(source.file, source.field, "names no mesh");
  return resolved;
}

/** What `meshsim meshes` shows of a profile. */
export interface MeshDescription {
  id: string;
  name: string;
  version: string;
  architecture: string;
  proxy: string;
  defaultMtls: string;
  description: string;
  /** The profile's feature notes (SOURCES.md section 2), as written. */
  features: Record<string, boolean | string>;
  /** What a run under this mesh accepts, as its checks answer (the matrix's simulated rows). */
  supports: Record<SimulatedFeature, boolean>;
  /** How it joins several clusters (models/<id>.yaml multiCluster): its modes, the default first named; absent: it cannot. */
  multiCluster?: { defaultMode: string; modes: string[]; controlPlanes: string[] };
}

/**
 * The profiles in models/, in meshIds() order, validated.
 * @throws ScenarioError naming a profile file that is invalid
 */
export function describeMeshes(): MeshDescription[] {
  return meshIds().map((id) => {
    const profile = loadMeshProfile(id);
    return {
      id,
      name: profile.name,
      version: profile.version ?? "",
      architecture: profile.architecture,
      proxy: profile.dataPlane?.proxy?.implementation ?? (profile.dataPlane?.kernel ? "eBPF (kernel)" : "none"),
      defaultMtls: profile.defaults?.mtls ?? "off",
      description: profile.description,
      features: profile.features ?? {},
      supports: supportedFeatures(profile),
      ...(profile.multiCluster ? { multiCluster: { defaultMode: profile.multiCluster.defaultMode, modes: Object.keys(profile.multiCluster.modes), controlPlanes: [...profile.multiCluster.controlPlanes] } } : {}),
    };
  });
}
