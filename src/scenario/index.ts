export { SCENARIO_SCHEMA } from "./schema.js";
export {
  MAX_CV,
  MAX_ERLANG_K,
  MAX_LOAD_CONNECTIONS,
  MAX_MESSAGE_BYTES,
  MAX_NODES,
  MAX_PODS,
  MAX_POD_PAIRS,
  MAX_REQUEST_TYPES,
  MAX_TIME_MS,
  MIN_CV,
} from "./value-limits.js";
export { parseDuration, DURATION_EXAMPLES, DURATION_PATTERN, type DurationUnit } from "./duration.js";
export { withDurationStrings } from "./duration-fields.js";
export { ScenarioError } from "./scenario-error.js";
export { readScenario, parseScenario, type ParseOptions, type ScenarioImports, type ScenarioSource } from "./load-scenario.js";
export type { RawScenario } from "./raw-scenario.js";
export { builtInScenarioNames, builtInScenarioPath } from "./built-in-scenarios.js";
export { readDocument, type InputDocument } from "./read-document.js";
export { checkForbiddenKeys, FORBIDDEN_KEYS } from "./check-document-keys.js";
export { readInputFile, MAX_DOCUMENT_BYTES, MAX_RESULTS_BYTES } from "./read-input-file.js";
// The quantities a scenario's resources refuse, for importers that write them (import/ does not reach cluster/).
export { isSubByteQuantity } from "../cluster/index.js";
export { packageRoot, packageVersion } from "./package-root.js";
export { createDocumentValidator, suggest, type DocumentValidator, type DocumentValidatorOptions } from "./validate-document.js";
export type { Scenario, Pricing } from "./scenario.js";
export { meshIds, resolveMeshIds, describeMeshes, type MeshDescription } from "./mesh-catalog.js";
export { loadMeshProfile, type ProfileOverrides } from "./load-mesh-profile.js";
export { PROFILE_SCHEMA } from "./profile-schema.js";
export { serviceProtocol } from "./resolve-scenario.js";
export type {
  RawBackend,
  RawCircuitBreaker,
  RawFault,
  RawLoadBalancer,
  RawOutlierDetection,
  RawRetries,
  RawRetryBudget,
  RawRetryOn,
  RawRoute,
  RawTrafficRule,
} from "./raw-traffic-rule.js";
