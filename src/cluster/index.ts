export { EXTERNAL_NODE, type ClusterShape } from "./cluster-shape.js";
export { parseCpuQuantity, parseMemoryQuantityMb, type ContainerResources } from "./container-resources.js";
export { placePods, type PlacedService } from "./place-pods.js";
export { MACHINE_TYPES, findMachineType, machineTypeNames, type MachineType } from "./machine-types.js";
export { EVICTION_THRESHOLD_MB, nodeAllocatable, reservedMemoryMb, reservedVcpu, type NodeAllocatable } from "./node-allocatable.js";
export { schedulePods, type DaemonPod, type PodToSchedule, type Schedule, type SchedulingRequest } from "./schedule-pods.js";
export { UnschedulableError } from "./unschedulable-error.js";
export { DEFAULT_CROSS_ZONE_RTT_MS, defaultZoneName, nodesOfZones, zoneOfNodes, type ClusterZones } from "./cluster-zones.js";
export { DEFAULT_POD_STARTUP_S, HPA_SCALE_DOWN_WINDOW_MS, HPA_SYNC_PERIOD_MS, HPA_TOLERANCE, HpaController, replicaRecommendation, type HpaReading } from "./hpa-rules.js";
