export { importTrafficConfig, type ImportedTraffic } from "./import-traffic-config.js";
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
export type { ScenarioService } from "./subset-services.js";
