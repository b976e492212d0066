export { FAILURE_DENIED_BY_POLICY, FAILURE_MTLS_PLAINTEXT_REFUSED, FAILURE_NONE, FAILURE_CIRCUIT_OPEN, FAILURE_CONNECTION_REFUSED, FAILURE_FAULT_ABORT, FAILURE_NO_ROUTE, FAILURE_RATE_LIMITED, FAILURE_REASONS, FAILURE_SERVICE_ERROR, FAILURE_TIMEOUT } from "./failure-reasons.js";
export { missingDataPlanePart } from "./mesh-profile.js";
export type { MtlsMode, SecurityProfile, ProxyCost, MeshOptions, MeshProfile, NodeEncryptionMethod, ProtocolTable, NodeEncryptionCost, Architecture, ControlPlaneCost, NodeEncryption } from "./mesh-profile.js";
export { inFlightOverload, OverloadError, type QueueView } from "./overload-error.js";
export { LOAD_GENERATOR, type CallNode, type RequestType, type ServiceCall, type Topology, type CallGroup, type Protocol, type Service, type ServiceKind } from "./topology.js";
export type { TrafficProfile } from "./traffic-profile.js";
export { catchAllRoute, type CircuitBreaker, type LoadBalancer, type RetryOn, type Route, type TrafficRule, type Backend, type FaultPolicy, type OutlierDetection, type RateLimit, type RetryBudget, type RetryPolicy, type ServiceFailures, type TrafficFeature } from "./traffic-rules.js";
export { UnsupportedSettingError } from "./unsupported-setting-error.js";
