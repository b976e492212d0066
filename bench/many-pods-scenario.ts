/**
 * A chain of four services of about 250 replicas each (1,000 pods with the load generator's), so
 * that a replication's time is mostly building its network: each pod of a service pairs with
 * every pod of the next (187,000 pairs), however few calls run.
 */

import { parseScenario, type Scenario } from "../src/scenario/index.js";

/** Replicas of each of the four services: 4 x 250 - 1, and the load generator's pod: 1,000 pods. */
const REPLICAS = [250, 250, 250, 249];

/**
 * Builds the validated scenario through the same parser a scenario file goes through.
 * @example manyPodsScenario().topology.services.length // 4
 */
export function manyPodsScenario(): Scenario {
  const names = ["a", "b", "c", "d"];
  const document = {
    name: "many-pods",
    cluster: { nodes: 20 },
    services: names.map((name, index) => ({ name, replicas: REPLICAS[index], serviceTime: { type: "exponential", meanMs: 1 } })),
    requestTypes: [{ name: "chain", entry: "a", calls: [{ call: "b", calls: [{ call: "c", calls: [{ call: "d" }] }] }] }],
    load: { type: "open", ratePerSec: 1000, durationS: 1, warmupS: 0 },
  };
  return parseScenario("bench:many-pods", document, "");
}
