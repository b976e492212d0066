export { RequestFlow, type CallSink, type RequestFlowOptions } from "./request-flow.js";
export type { RequestObserver } from "./call-tree.js";
export type { TrafficCounts } from "./traffic/traffic-counters.js";
export { SPAN_CLIENT, SPAN_PROXY, SPAN_SERVER, type TraceSink, type TracedSpan } from "./call-tracer.js";
