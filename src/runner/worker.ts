/**
 * The piscina worker: an adapter with no logic of its own, so what runs in a worker is exactly
 * what tests call in-process.
 */

import type { ReplicationResult, ReplicationTask } from "./replication/index.js";
import { runReplication } from "./replication/index.js";
import { packOutcome, type OverloadOutcome } from "./replication/index.js";

export default function simulateTask(task: ReplicationTask): ReplicationResult | OverloadOutcome {
  return packOutcome(() => runReplication(task));
}
