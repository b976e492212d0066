export type { RequestSink, Workload } from "./workload.js";
export type { LoadSpec } from "./load-spec.js";
export { createRequestMix } from "./request-mix.js";
export { OpenLoop, type OpenLoopOptions } from "./open-loop.js";
export { ClosedLoop, type ClosedLoopOptions } from "./closed-loop.js";
