/**
 * What Kubernetes manifests say about an application's deployment, ready to be put into a scenario:
 * its workloads with their replicas, resources, protocols, node placement and mesh enrolment; the
 * cluster's nodes; proxy overrides; and what the scenario format cannot hold.
 */

import type { PortProtocol } from "./port-protocol.js";
import type { Workload } from "./read-workload.js";

export interface DeployedWorkload extends Workload {
  /** Names traces may know it by: its own, the Services that select it, its app labels. */
  aliases: string[];
  replicasFrom?: string;
  protocol?: PortProtocol;
  /** Node indices its selector matches (only with Node objects). */
  nodes?: number[];
  nodesFrom?: string;
  /** The mesh it is enrolled in ("none": opted out), and what said so. */
  mesh?: { id: string; from: string };
  /** A Service of type LoadBalancer or NodePort, or an Ingress, exposes it: an entry of the application. */
  exposed: boolean;
  /** Its HorizontalPodAutoscaler on CPU utilisation, and what said so. */
  autoscaling?: { minReplicas: number; maxReplicas: number; targetCpuUtilization: number; from: string };
  /** A selecting Service's spec.trafficDistribution (PreferClose or PreferSameZone), and which Service. */
  trafficDistribution?: { value: "PreferClose" | "PreferSameZone"; from: string };
  /** A selecting Service's topology-mode Auto annotation, and which Service. */
  topologyMode?: { from: string };
  /** A selecting global Service's Cilium ClusterMesh affinity (service.cilium.io/affinity), and which Service. */
  clusterAffinity?: { value: "local" | "remote" | "none"; from: string };
  /** Its own mTLS mode where a namespace's PeerAuthentication differs from the mesh's, and what said so. */
  mtls?: { mode: "off" | "permissive" | "strict"; from: string };
}

export interface DeploymentShape {
  files: string[];
  workloads: DeployedWorkload[];
  cluster?: {
    nodes: number;
    vcpuPerNode?: number;
    memoryGbPerNode?: number;
    from: string;
    /** The nodes' zones (topology.kubernetes.io/zone), each with its nodes in node order, when they span several. */
    zones?: Array<{ name: string; nodes: number }>;
  };
  /** Meshes some workload is enrolled in. */
  meshes: string[];
  overrides: Record<string, Record<string, unknown>>;
  overridesFrom: string[];
  notImported: string[];
  notices: string[];
  /** Allow lists read from the meshes' authorization resources: who may call each protected workload. */
  policies?: Array<{ to: DeployedWorkload; allowFrom: Array<DeployedWorkload | "load-generator">; l7: boolean; from: string[] }>;
  /** The mesh-wide mTLS mode (a root-namespace PeerAuthentication), and what said so. */
  mtls?: { mode: "off" | "permissive" | "strict"; from: string };
  /** The resources that scope every sidecar to services named one by one (`mesh.proxyScope: callees`): Istio Sidecars, Kuma's reachable services, Consul's intentions; and which. */
  proxyScope?: { scope: "callees"; from: string[] };
}
