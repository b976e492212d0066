/**
 * A profile's container requests and limits as numbers: profiles write them as charts do
 * (vCPU or "100m", MB or "128Mi"); the run uses vCPU and MB.
 */

import { parseCpuQuantity, parseMemoryQuantityMb, type ContainerResources } from "../../cluster/index.js";
import type { ResourceQuantities } from "../model/index.js";

/**
 * The parsed requests and limits of `quantities` (undefined stays undefined).
 * @throws RangeError naming the value when a quantity is malformed (the profile loader checks first)
 * @example resourcesOf({ cpuRequest: "100m", memoryRequestMb: "128Mi" }) // { cpuRequest: 0.1, memoryRequestMb: 128 }
 */
export function resourcesOf(quantities: ResourceQuantities | undefined): ContainerResources | undefined {
  if (quantities === undefined) return undefined;
  const resources: ContainerResources = {};
  if (quantities.cpuRequest !== undefined) resources.cpuRequest = parseCpuQuantity(quantities.cpuRequest);
  if (quantities.cpuLimit !== undefined) resources.cpuLimit = parseCpuQuantity(quantities.cpuLimit);
  if (quantities.memoryRequestMb !== undefined) resources.memoryRequestMb = parseMemoryQuantityMb(quantities.memoryRequestMb);
  if (quantities.memoryLimitMb !== undefined) resources.memoryLimitMb = parseMemoryQuantityMb(quantities.memoryLimitMb);
  return resources;
}
