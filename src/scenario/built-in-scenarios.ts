/**
 * The scenarios shipped in the package's scenarios/ folder, found by name
 * (`meshsim run robot-shop`) and listed by `meshsim scenarios`.
 */

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

/** Folder of the built-in scenario files. */
export function builtInScenarioFolder(): string {
  return join(packageRoot(), "scenarios");
}

/** Names of the built-in scenarios, sorted. */
export function builtInScenarioNames(): string[] {
  return readdirSync(builtInScenarioFolder())
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => file.slice(0, -".yaml".length))
    .sort();
}

/** Path of the built-in scenario `name`, or undefined when there is none. */
export function builtInScenarioPath(name: string): string | undefined {
  if (!/^[a-z0-9][-a-z0-9_.]*$/.test(name)) return undefined;
  const path = join(builtInScenarioFolder(), `${name}.yaml`);
  return existsSync(path) ? path : undefined;
}
