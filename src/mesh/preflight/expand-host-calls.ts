/**
 * A topology whose calls name services only: each call to a traffic rule's host becomes a group
 * of calls to the host's backends, each with its share as probability. The expectations that
 * analytic models take from call trees (visits, hold times, who talks to whom) are the same as
 * under the rule, so the offered-load check and the resource model need no notion of hosts.
 */

import type { CallNode, Topology } from "../model/index.js";
import { expectedTries } from "./expected-tries.js";
import { hostBackends } from "./host-backends.js";

/**
 * The topology with host calls expanded; `applied` chooses the rule's weights (a proxy applies
 * it) or kube-proxy's spread over every backend's pods (calls bypass it). With `retried` (and
 * `applied`), each call through a rule counts its expected tries (expectedTries) in its repeat:
 * a retry runs the callee, and everything it calls, again.
 */
export function expandHostCalls(topology: Topology, applied: boolean, retried = false): Topology {
  if (!topology.traffic || topology.traffic.length === 0) return topology;
  const hosts = new Set(topology.traffic.map((rule) => rule.host));
  const expand = (node: CallNode): CallNode => {
    if (node.kind !== "call") return { ...node, nodes: node.nodes.map(expand) };
    const calls = node.calls.map(expand);
    if (!hosts.has(node.service)) return { ...node, calls };
    const backends = hostBackends(topology, node.service, applied);
    const repeat = node.repeat * (applied && retried ? expectedTries(topology, node.service) : 1);
    if (backends.length === 1) return { ...node, service: backends[0].service, repeat, calls };
    return {
      kind: "sequence",
      probability: node.probability,
      repeat,
      nodes: backends.map((backend) => ({ ...node, service: backend.service, probability: backend.share, repeat: 1, calls })),
    };
  };
  return {
    ...topology,
    // A request entering through a host splits the request type itself, weights times shares.
    requestTypes: topology.requestTypes.flatMap((type) => {
      const calls = type.root.calls.map(expand);
      if (!hosts.has(type.root.service)) return [{ ...type, root: { ...type.root, calls } }];
      return hostBackends(topology, type.root.service, applied).map((backend) => ({
        ...type,
        weight: type.weight * backend.share,
        root: { ...type.root, service: backend.service, calls },
      }));
    }),
  };
}
