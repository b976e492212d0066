export { SCENARIO_SCHEMA } from "./schema.js";
export { ScenarioError } from "./scenario-error.js";
export { loadScenario, parseScenario } from "./load-scenario.js";
export { builtInScenarioNames, builtInScenarioPath } from "./built-in-scenarios.js";
export { readDocument, type InputDocument } from "./read-document.js";
export { packageRoot, packageVersion } from "./package-root.js";
export { suggest } from "./validate-document.js";
export type { Scenario, MtlsMode } from "./scenario.js";
export { meshIds, resolveMeshIds, describeMeshes, type MeshDescription } from "./mesh-catalog.js";
