export type {
  CallGroup,
  CallNode,
  ClusterShape,
  Protocol,
  RequestType,
  Service,
  ServiceCall,
  ServiceKind,
  Topology,
} from "./topology.js";
export { LOAD_GENERATOR } from "./topology.js";
export { compileCallProgram, compileTopologyProgram, type CallProgram } from "./call-program.js";
export { RequestFlow, type RequestObserver, type RequestFlowOptions } from "./request-flow.js";
export { ServiceNetwork, type StreamFactory } from "./service-network.js";
export { offeredLoad, type ServiceLoad } from "./offered-load.js";
export { OverloadError } from "./overload-error.js";
export type {
  Architecture,
  ControlPlaneCost,
  MeshOptions,
  MeshProfile,
  MtlsMode,
  NodeEncryption,
  NodeEncryptionCost,
  NodeEncryptionMethod,
  ProtocolTable,
  ProxyCost,
  SecurityProfile,
} from "./mesh-profile.js";
export { FAILURE_REASONS } from "./failure-reasons.js";
export { PROTOCOLS } from "./proxy-cost-model.js";
export { staticResources, type StaticResources } from "./resource-model.js";
export { checkMtlsSupport } from "./check-mtls-support.js";
export { checkEncryptionSupport, nodeEncryptionCost } from "./node-encryption.js";
export { UnsupportedSettingError } from "./unsupported-setting-error.js";
export { RESUMED_HANDSHAKE_CPU_MS, fullHandshakeCpuMs, connectRoundTrips } from "./tls-costs.js";
export { checkIngressSupport, checkPolicySupport } from "./check-entry-support.js";
export type {
  Backend,
  CircuitBreaker,
  FaultPolicy,
  LoadBalancer,
  OutlierDetection,
  RateLimit,
  RetryBudget,
  RetryOn,
  RetryPolicy,
  Route,
  ServiceFailures,
  TrafficFeature,
  TrafficRule,
} from "./traffic/traffic-rules.js";
export type { TrafficProfile } from "./traffic/traffic-profile.js";
export { hostBackends, bypassServices, ruleFor, type BackendShare } from "./traffic/host-backends.js";
export type { TrafficCounts } from "./traffic/traffic-counters.js";
export { compileTrafficPlan, ruleCapable } from "./traffic/traffic-plan.js";
export { checkTrafficSupport, featuresOf } from "./traffic/check-traffic-support.js";
