/**
 * The check that a list of zone names (`cluster.zones`, `clusters[i].zones`) names each zone once,
 * which the schema leaves to the resolver so that its message names the repeated entry.
 */

import type { Fail } from "./_fail.js";

/**
 * Refuses a list of zone names that repeats one, naming the repeat and its first place.
 * @throws ScenarioError (through `fail`) naming `<field>[i]` for the first name given twice
 * @example checkUniqueZoneNames(["a", "b"], "cluster.zones", fail) // passes
 */
export function checkUniqueZoneNames(names: readonly string[], field: string, fail: Fail): void {
  names.forEach((name, index) => {
    const first = names.indexOf(name);
    if (first !== index) fail(`${field}[${index}]`, `must be unique, but ${field}[${first}] is also ${name}`);
  });
}
