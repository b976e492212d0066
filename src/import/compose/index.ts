export { composeScenario, CLUSTER_RTT_MS, type ComposeInput, type ComposedScenario } from "./compose-scenario.js";
export { renderScenarioYaml } from "./render-scenario-yaml.js";
export { toScenarioName } from "./scenario-names.js";
