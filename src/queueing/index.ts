export { Station, type QueueStation, type StationOptions, type StationStats, type ServiceTimeSampler } from "./station.js";
export { PlannedStation, type PlannedStationOptions } from "./planned-station.js";
export type { JobTimes } from "./job-times.js";
export { ConnectionPool } from "./connection-pool.js";
export { Link } from "./link.js";
export { JobFifo } from "./job-fifo.js";
export { CFS_PERIOD_MS, NodeCpu, type ContainerCpuStats } from "./node-cpu.js";
export { IdleCpuError } from "./idle-cpu-error.js";
export type { CpuClient, CpuDemand } from "./cpu-client.js";
