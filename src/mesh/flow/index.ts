export { RequestFlow, type RequestObserver, type RequestFlowOptions } from "./request-flow.js";
export type { TrafficCounts } from "./traffic/traffic-counters.js";
