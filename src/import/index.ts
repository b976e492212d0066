export { loadScenario, parseScenario, type LoadOptions, type ParseOptions } from "./load-scenario.js";
export { importTrafficConfig, type ImportedTraffic, type ScenarioService } from "./traffic/index.js";
