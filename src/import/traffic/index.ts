export { importTrafficConfig, type ImportedTraffic } from "./import-traffic-config.js";
export type { ScenarioService } from "./subset-services.js";
