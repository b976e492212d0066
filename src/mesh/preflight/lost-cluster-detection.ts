/**
 * How long a control plane that probes another cluster's gateway (Linkerd's service mirror) takes
 * to mark a lost cluster's endpoints not ready: the probe ticks every period, a tick that comes
 * while a probe is under way is dropped, and a lost cluster answers no probe, so each failing probe
 * waits its whole timeout.
 */

import type { GatewayProbe } from "../model/index.js";

/**
 * From a cluster's failure to the failureThreshold-th failed probe in a row, ms, on average over
 * the ticker's phase: half a period to the first tick, then per probe its timeout, and between
 * probes the wait for the next tick (half a period when the timeout outlasts the period, whose
 * ticks meanwhile were dropped; the rest of the period otherwise). The ticker's jitter (up to 10%
 * of the period in Linkerd) is left out.
 * @example gatewayProbeDetectionMs({ periodS: 3, timeoutS: 30, failureThreshold: 3 }) // 94500
 */
export function gatewayProbeDetectionMs(probe: GatewayProbe): number {
  const { periodS, timeoutS, failureThreshold } = probe;
  const betweenProbesS = timeoutS >= periodS ? timeoutS + periodS / 2 : periodS;
  return (periodS / 2 + timeoutS + (failureThreshold - 1) * betweenProbesS) * 1000;
}
