/**
 * The parts of an imported service and cluster that come from autoscalers and zones: a workload's
 * HorizontalPodAutoscaler as services[].autoscaling, its Services' zone preferences
 * (trafficDistribution, topologyMode, Cilium's clusterAffinity), and the Nodes' zones as cluster.zones, each with its comment.
 */

import type { DeployedWorkload, DeploymentShape } from "../manifests/index.js";
import type { PlacedComment } from "./placed-comment.js";

/** Adds `workload`'s autoscaling and zone preferences to the service document at services[index]. */
export function addScalingAndZoneFields(service: Record<string, unknown>, workload: DeployedWorkload, comments: PlacedComment[], index: number): void {
  const at = (key: string): Array<string | number> => ["services", index, key];
  if (workload.autoscaling) {
    const { minReplicas, maxReplicas, targetCpuUtilization, from } = workload.autoscaling;
    service.autoscaling = { minReplicas, maxReplicas, targetCpuUtilization };
    comments.push({ path: at("autoscaling"), text: `from ${from}; replicas is the starting count` });
  }
  if (workload.trafficDistribution) {
    service.trafficDistribution = workload.trafficDistribution.value;
    comments.push({ path: at("trafficDistribution"), text: `from ${workload.trafficDistribution.from}` });
  }
  if (workload.topologyMode) {
    service.topologyMode = "Auto";
    comments.push({ path: at("topologyMode"), text: `from ${workload.topologyMode.from}` });
  }
  if (workload.clusterAffinity) {
    service.clusterAffinity = workload.clusterAffinity.value;
    comments.push({ path: at("clusterAffinity"), text: `from ${workload.clusterAffinity.from}; read by cilium only` });
  }
}

/** Adds the Nodes' zones, when they span several, to the cluster document. */
export function addClusterZones(cluster: Record<string, unknown>, shape: DeploymentShape | undefined, comments: PlacedComment[]): void {
  const zones = shape?.cluster?.zones;
  if (!zones) return;
  cluster.zones = zones.map((zone) => ({ name: zone.name, nodes: zone.nodes }));
  comments.push({ path: ["cluster", "zones"], text: "from the Nodes' topology.kubernetes.io/zone labels (nodes numbered zone by zone)" });
}
