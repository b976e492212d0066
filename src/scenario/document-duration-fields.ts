/**
 * The time fields of scenarios and mesh profiles together: a scenario's `mesh.overrides` hold
 * profile fields, and a name means the same unit in both.
 */

import { durationFieldsOf, type DurationFields } from "./duration-fields.js";
import { PROFILE_SCHEMA } from "./profile-schema.js";
import { SCENARIO_SCHEMA } from "./schema.js";

/** Every time field of SCENARIO_SCHEMA and PROFILE_SCHEMA, with its unit. */
export const DOCUMENT_DURATION_FIELDS: DurationFields = new Map([...durationFieldsOf(PROFILE_SCHEMA), ...durationFieldsOf(SCENARIO_SCHEMA)]);
