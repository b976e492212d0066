export { importTrafficConfig, type ImportedTraffic } from "./import-traffic-config.js";
export type { ScenarioService } from "./subset-services.js";
export { parseManifests, readManifests, formatPath, type FieldPath, type Manifest } from "./read-manifests.js";
export { parseQuantity } from "./quantities.js";
