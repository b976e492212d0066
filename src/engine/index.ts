export { EventQueue } from "./event-queue.js";
export { Simulation, DEFAULT_PRIORITY, type EventHandler } from "./simulation.js";
export { SimulationError } from "./errors.js";
export { MS_PER_SECOND, secondsToSimTime, type SimTime } from "./time.js";
export { IndexedHeap } from "./indexed-heap.js";
export { SparseIds, SPARSE_KEY_LIMIT } from "./sparse-ids.js";
