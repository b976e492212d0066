export type {
  CallGroup,
  CallNode,
  Protocol,
  RequestType,
  Service,
  ServiceAutoscaling,
  ServiceCall,
  ServiceKind,
  Topology,
} from "./model/index.js";
export { LOAD_GENERATOR, missingDataPlanePart } from "./model/index.js";
export { compileCallProgram, compileTopologyProgram, type CallProgram } from "./compile/index.js";
export { RequestFlow, type CallSink, type RequestObserver, type RequestFlowOptions } from "./flow/index.js";
export { ServiceNetwork, type StreamFactory } from "./compile/index.js";
export { loseNodes, podBack, setPodRunning } from "./compile/index.js";
export { proxyLoads, refuseProxyOverload, type ProxyLoad } from "./compile/index.js";
export { nodeLoads, refuseNodeOverload, type LoadGeneratorCpu, type NodeLoad } from "./compile/index.js";
export { calleeServices, expectedTries, LOAD_GENERATOR_CALLER, podPairsInto } from "./preflight/index.js";
export { deriveMeshOptions, offeredLoad, placeRun, proxyScopeWarning, runMtlsMode, runProxyScope, type MeshSettings, type PlacementSettings, type ServiceLoad } from "./preflight/index.js";
export { applyTelemetryCosts, callEdges, monitoringStack, resolveTelemetry, telemetryCpuMsDelta, telemetryVolume, type CallEdge, type MonitoringStack, type TelemetryVolume } from "./preflight/index.js";
export { OverloadError } from "./model/index.js";
export type {
  Architecture,
  ControlPlaneCost,
  MeshOptions,
  MeshProfile,
  MtlsMode,
  NodeEncryption,
  NodeEncryptionCost,
  NodeEncryptionMethod,
  ProxyScope,
  ProtocolTable,
  ProxyCost,
  SecurityProfile,
  TelemetryProfile,
  TelemetryRequest,
  TelemetrySettings,
} from "./model/index.js";
export { FAILURE_REASONS } from "./model/index.js";
export { PROTOCOLS } from "./compile/index.js";
export { controlPlaneMemoryMb, staticResources, unscopedLoad, type ControlPlaneLoad, type StaticResources } from "./preflight/index.js";
export { checkMtlsSupport, checkTelemetrySupport, resourcesOf } from "./preflight/index.js";
export { checkEncryptionSupport, nodeEncryptionCost } from "./preflight/index.js";
export { UnsupportedSettingError } from "./model/index.js";
export { RESUMED_HANDSHAKE_CPU_MS, fullHandshakeCpuMs, connectRoundTrips } from "./compile/index.js";
export { checkIngressSupport, checkMultiClusterSupport, checkPolicySupport } from "./preflight/index.js";
export { FEATURE_SETTINGS, SIMULATED_FEATURES, supportedFeatures, type SimulatedFeature } from "./preflight/index.js";
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
} from "./model/index.js";
export type { TrafficProfile } from "./model/index.js";
export { hostBackends, bypassServices, ruleFor, type BackendShare } from "./preflight/index.js";
export type { TrafficCounts } from "./flow/index.js";
export { SPAN_CLIENT, SPAN_PROXY, SPAN_SERVER, type TraceSink, type TracedSpan } from "./flow/index.js";
export { compileTrafficPlan, ruleCapable } from "./compile/index.js";
export { checkTrafficSupport, featuresOf } from "./preflight/index.js";
