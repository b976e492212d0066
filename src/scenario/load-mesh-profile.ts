/**
 * Loads a mesh profile from models/<id>.yaml, validates it, applies a scenario's overrides and
 * checks the profile has what its architecture needs. Errors name the profile file (or the
 * scenario's override field) like every other input error.
 */

import { join } from "node:path";
import { missingDataPlanePart, type MeshProfile } from "../mesh/index.js";
import { DOCUMENT_DURATION_FIELDS } from "./document-duration-fields.js";
import { readDurationFields } from "./duration-fields.js";
import { packageRoot } from "./package-root.js";
import { readDocument } from "./read-document.js";
import { RESOURCE_FIELDS, resolveQuantity } from "./resolve-resources.js";
import { ScenarioError } from "./scenario-error.js";
import { validateProfileDocument } from "./validate-document.js";
import type { Fail } from "./_fail.js";

/** Where a scenario's overrides of this profile come from, for error messages. */
export interface ProfileOverrides {
  file: string;
  values: Record<string, unknown>;
  /** The field the values sit in, when the scenario names the mesh by an alias (default `mesh.overrides.<id>`). */
  field?: string;
}

/**
 * The profile `id` from models/, with `overrides` merged in (objects merge key by key; other
 * values replace).
 * @throws ScenarioError naming models/<id>.yaml or the scenario's mesh.overrides field
 * @example loadMeshProfile("istio").dataPlane?.proxy?.workers
 */
export function loadMeshProfile(id: string, overrides?: ProfileOverrides): MeshProfile {
  const shownAs = `models/${id}.yaml`;
  const document = readDocument(join(packageRoot(), "models", `${id}.yaml`), shownAs);
  const value = readDurationFields(document.value, DOCUMENT_DURATION_FIELDS);
  validateProfileDocument(shownAs, value);
  checkQuantities(shownAs, "", value);
  let profile = value as MeshProfile;
  if (profile.id !== id) throw new ScenarioError(shownAs, "id", `must be the file's name (${id}), got ${profile.id}`);
  checkArchitecture(shownAs, "", profile);
  if (overrides && Object.keys(overrides.values).length > 0) {
    const field = overrides.field ?? `mesh.overrides.${id}`;
    const merged = deepMerge(profile, overrides.values);
    try {
      validateProfileDocument(overrides.file, merged);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      throw new ScenarioError(overrides.file, error.field ? `${field}.${error.field}` : field, error.problem);
    }
    checkQuantities(overrides.file, `${field}.`, overrides.values);
    profile = merged as MeshProfile;
    checkArchitecture(overrides.file, `${field}.`, profile);
  }
  return profile;
}

// --- internal ---

/** The keys whose objects are a container's requests and limits (the profile schema's containerResources). */
const RESOURCE_KEYS = new Set(["resources", "agentResources"]);

/**
 * Parses every container's requests and limits in a profile (or overrides) as a scenario's are, so a
 * quantity the schema lets through as a string ("abc", "0", "128m") is refused naming its field
 * instead of failing when a run builds the proxies.
 */
function checkQuantities(file: string, prefix: string, value: unknown, path = ""): void {
  if (!isPlainObject(value)) return;
  const fail: Fail = (field, problem) => {
    throw new ScenarioError(file, `${prefix}${field}`, problem);
  };
  for (const [key, child] of Object.entries(value)) {
    const at = path === "" ? key : `${path}.${key}`;
    if (RESOURCE_KEYS.has(key) && isPlainObject(child)) {
      for (const name of RESOURCE_FIELDS) resolveQuantity(child[name], name, `${at}.${name}`, fail);
    } else checkQuantities(file, prefix, child, at);
  }
}

function checkArchitecture(file: string, prefix: string, profile: MeshProfile): void {
  if (profile.architecture === "none") return;
  // Every mesh has a control plane (the resources count it); the data plane's parts depend on the architecture.
  const missing = profile.controlPlane ? missingDataPlanePart(profile) : "controlPlane";
  if (missing) throw new ScenarioError(file, `${prefix}${missing}`, `is required for architecture ${profile.architecture}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}
