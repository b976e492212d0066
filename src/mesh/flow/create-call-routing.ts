/**
 * How a RequestFlow's calls find their servers: under traffic rules, mesh defaults or failure
 * sources, RoutedCalls with the TrafficControl that applies them; otherwise DirectCalls, as
 * kube-proxy or the mesh's L4 balancer picks a pod. The zone tables are shared by both.
 */

import type { Simulation } from "../../engine/index.js";
import { compileLocality, compileTrafficPlan, type LocalityTables, type NetworkOptions, type ServiceNetwork } from "../compile/index.js";
import type { ActivationPool } from "./activation-pool.js";
import type { CallFields } from "./call-fields.js";
import type { CallFlow, CallRouting } from "./call-routing.js";
import { DirectCalls } from "./direct-calls.js";
import { RoutedCalls } from "./traffic/routed-calls.js";
import { TrafficControl } from "./traffic/traffic-control.js";

/** A flow's routing, its traffic control (undefined when no rule is in play) and its zone tables. */
export interface FlowRouting {
  routing: CallRouting;
  traffic: TrafficControl | undefined;
  locality: LocalityTables | undefined;
}

/** Builds the routing of the calls `flow` makes over `network`, compiled from what the run was given. */
export function createCallRouting(
  sim: Simulation,
  options: Pick<NetworkOptions, "topology" | "profile" | "mesh" | "streams">,
  network: ServiceNetwork,
  pool: ActivationPool,
  calls: CallFields,
  flow: CallFlow,
): FlowRouting {
  const balancing = options.streams("balancing");
  const plan = compileTrafficPlan({
    topology: options.topology,
    profile: options.profile,
    mesh: options.mesh,
    podMeshed: network.podMeshed,
    podNode: network.podNode,
    podService: network.podService,
    servicePods: network.servicePods,
  });
  const clusterEndpoints = options.mesh.multiCluster?.endpoints;
  const locality = network.zones
    ? compileLocality(options.topology, options.profile, network.zones.podZone, network.servicePods, network.podMeshed, network.serviceActive, clusterEndpoints)
    : undefined;
  const traffic = plan.active ? new TrafficControl(plan, network.servicePods, network.podService, balancing, locality, network.serviceActive, network) : undefined;
  const routing = traffic ? new RoutedCalls(sim, pool, calls, network, traffic, flow) : new DirectCalls(calls, network, balancing, flow, locality);
  return { routing, traffic, locality };
}
