/**
 * The piscina worker: an adapter with no logic of its own, so what runs in a worker is exactly
 * what tests call in-process.
 */

import type { ReplicationResult, ReplicationTask } from "./replication-task.js";
import { runReplication } from "./run-replication.js";

export default function simulateTask(task: ReplicationTask): ReplicationResult {
  return runReplication(task);
}
