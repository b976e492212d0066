/**
 * The warning for a lost node that carried the load generator, an ingress gateway replica or a
 * waypoint replica: the model keeps them sending and forwarding there (README, "A lost node runs
 * nothing"), so the run says where that happened.
 */

import { lostNodes, type ReplicationTask } from "../replication/index.js";

/**
 * One warning per loss of nodes within the run that carried the load generator, gateway or waypoint replicas.
 * @example lostForwarderWarnings(task) // ["zone a went down at 30 s with the load generator (load.client.node 0) on it; ..."]
 */
export function lostForwarderWarnings(task: ReplicationTask): string[] {
  const { gateways, waypoints } = task.mesh.placement;
  const clientNode = task.scenario.load.client.node;
  return lostNodes(task)
    .filter((loss) => loss.atS < task.durationS)
    .flatMap((loss) => {
      const lost = (node: number) => loss.nodes.includes(node);
      const onIt = [
        ...(lost(clientNode) ? [`the load generator (load.client.node ${clientNode})`] : []),
        ...replicasOn("the ingress gateway", gateways, lost),
        ...replicasOn("the waypoint", waypoints, lost),
      ];
      if (onIt.length === 0) return [];
      return [
        `${loss.label} went down at ${loss.atS} s with ${onIt.join(" and ")} on it; the model keeps sending and forwarding from there, where on a real cluster nothing on a lost node does`,
      ];
    });
}

// --- internal ---

/** "1 of the ingress gateway's 2 replicas", when some of `nodes` (one per replica) are lost. */
function replicasOn(what: string, nodes: readonly number[], lost: (node: number) => boolean): string[] {
  const count = nodes.filter(lost).length;
  return count === 0 ? [] : [`${count} of ${what}'s ${nodes.length} replica${nodes.length === 1 ? "" : "s"}`];
}
