/**
 * The built-in robot-shop scenario as the benchmarks run it: with the machines it declares (the
 * node CPU model on every hop), or without them (each container owns its CPU), so the two can be
 * timed side by side.
 */

import { loadScenario } from "../src/import/index.js";
import type { Scenario } from "../src/scenario/index.js";

/** robot-shop, without its machines when `machines` is false. */
export function robotShopScenario(machines: boolean): Scenario {
  const declared = loadScenario("robot-shop");
  if (machines) return declared;
  const { machine: _machine, allocatable: _allocatable, ...undeclared } = declared.topology.cluster;
  return { ...declared, topology: { ...declared.topology, cluster: undeclared } };
}
