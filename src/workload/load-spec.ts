/**
 * How the load generator drives the system: open loop (a rate, like wrk2 and fortio -qps) or
 * closed loop (a fixed number of users or connections with think time).
 */

import type { DistributionSpec } from "../random/index.js";
import type { LoadGeneratorTool } from "./load-generator-tools.js";
import type { LoadStage, UserStage } from "./load-stages.js";

export interface LoadSpec {
  type: "open" | "closed";
  arrival: "poisson" | "uniform";
  /** Open loop: intended requests per second (with stages: their mean rate over the measured time). */
  ratePerSec: number;
  /**
   * Open loop: the rate over time, ramping linearly from `startRatePerSec` (which the warm-up
   * holds) through each stage's target; durationS is their sum. Absent: a constant rate.
   */
  stages?: LoadStage[];
  /** The rate the stages start from, requests/s (the scenario's ratePerSec, else 0). */
  startRatePerSec?: number;
  /**
   * Closed loop: the users over time, ramping linearly from `startUsers` (which the warm-up
   * holds) through each stage's target; `connections` is then the peak. Absent: fixed users.
   */
  userStages?: UserStage[];
  startUsers?: number;
  /** Open loop: client connections (undefined = unlimited); closed loop: concurrent users. */
  connections: number | undefined;
  /** Closed loop: pause between a response and the user's next request. */
  thinkTime: DistributionSpec;
  durationS: number;
  warmupS: number;
  requestBytes: number;
  responseBytes: number;
  keepAlive: boolean;
  /** Requests enter through the mesh's ingress gateway rather than straight to the pods. */
  ingress: "direct" | "gateway";
  /**
   * The load generator's pod: its node, whether it is meshed, which tool it runs and the CPU that tool
   * spends per request, ms (the tool's figure in load-generator-tools.ts unless the scenario sets one).
   */
  client: { node: number; meshed: boolean; tool: LoadGeneratorTool; cpuMsPerRequest: number };
}
