/**
 * The piscina worker: an adapter with no logic of its own, so what runs in a worker is exactly
 * what tests call in-process.
 */

import type { ReplicationResult, ReplicationTask } from "./replication-task.js";
import { runReplication } from "./run-replication.js";
import { packOutcome, type OverloadOutcome } from "./worker-outcome.js";

export default function simulateTask(task: ReplicationTask): ReplicationResult | OverloadOutcome {
  return packOutcome(() => runReplication(task));
}
