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
export { compileCallProgram, type CallProgram } from "./call-program.js";
export { RequestFlow, type RequestObserver, type RequestFlowOptions } from "./request-flow.js";
export { ServiceNetwork, type StreamFactory } from "./service-network.js";
export { offeredLoad, type ServiceLoad } from "./offered-load.js";
export { OverloadError } from "./overload-error.js";
