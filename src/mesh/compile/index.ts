export { NODE_CALL, NODE_PARALLEL, compileCallProgram, drawRepeats, compileTopologyProgram, type CallProgram } from "./call-program.js";
export { POLICY_DENIED, POLICY_NONE } from "./connection-table.js";
export { TLS_MUTUAL, TLS_REFUSED } from "./mtls-policy.js";
export { PROTOCOLS, type PassFacts } from "./proxy-cost-model.js";
export { ServiceNetwork, CLIENT_POD, CONNECT_STEP_OFFSET, type NetworkCallbacks, type NetworkOptions, type StreamFactory } from "./service-network.js";
export { connectRoundTrips, fullHandshakeCpuMs, RESUMED_HANDSHAKE_CPU_MS } from "./tls-costs.js";
export { compileTrafficPlan, RETRY_ON_5XX, RETRY_ON_CONNECT_FAILURE, RETRY_ON_GATEWAY_ERROR, RETRY_ON_RESET, LB_EWMA, LB_LEAST_REQUEST, LB_RANDOM, ruleCapable, type TrafficPlan } from "./traffic-plan.js";
export { proxyLoads, refuseProxyOverload, type ProxyLoad } from "./proxy-load.js";
export { ZoneLinks, FIRST_ZONE_LINK } from "./zone-links.js";
