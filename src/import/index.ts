export { loadScenario, parseScenario, type LoadOptions, type ParseOptions } from "./load-scenario.js";
export { importTrafficConfig, type ImportedTraffic, type ScenarioService } from "./traffic/index.js";
export { importScenario, scenarioNameOf, type ImportOptions, type ImportedScenario } from "./import-scenario.js";
export { TRACE_FORMATS, type TraceFormat } from "./traces/index.js";
