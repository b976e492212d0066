/**
 * What the request flow gives the network it compiles: the handlers its stations call as they
 * serve an activation, and what proxies need to know about the call it belongs to.
 */

import type { PlannedStation } from "../../queueing/index.js";
import type { PassInfo } from "./proxy-cost-model.js";

export interface NetworkCallbacks {
  /** An app replica finished its own work for this activation. */
  appServed: (activation: number) => void;
  /** A data-plane station finished its step for this activation. */
  stepServed: (activation: number) => void;
  /**
   * Given, a proxy that plans each pass at arrival tells that the activation will leave it at
   * its `departureMs`, in place of stepServed then (the flow folds what follows into one event).
   */
  stepDepartsAt?: (activation: number, station: PlannedStation) => void;
  /** What proxies need to know about the call an activation belongs to. */
  pass: PassInfo;
  /** An app replica starts its own work for this activation (given only when traces are written). */
  appStarted?: (activation: number) => void;
}
