/**
 * The scenarios a `--set` sweep runs: the scenario document with each combination of the set
 * values put in, each re-validated by the scenario loader as if it had been written that way.
 */

import { loadScenario, parseScenario, type LoadOptions } from "../import/index.js";
import { readScenario, ScenarioError, type Scenario } from "../scenario/index.js";
import { describeParameters, setParameter, type ParameterSetting } from "./set-parameter.js";
import type { ParameterValue } from "./sweep-document.js";

export interface ScenarioVariant {
  /** The set values; undefined without --set. */
  parameters: Record<string, ParameterValue> | undefined;
  scenario: Scenario;
}

/**
 * One variant per combination of the settings' values (the first setting varies slowest), or
 * the scenario as it is without settings.
 * @throws ScenarioError for a bad scenario (as `meshsim run`), or when a set value makes it invalid
 * @throws RangeError when a path is not in the document
 * @example loadScenarioVariants("fortio", [{ path: "load.durationS", values: [1, 2] }]).length // 2
 */
export function loadScenarioVariants(pathOrName: string, settings: ParameterSetting[], options: LoadOptions = {}): ScenarioVariant[] {
  const base = loadScenario(pathOrName, options);
  if (settings.length === 0) return [{ parameters: undefined, scenario: base }];
  const { document, baseDir } = readScenario(pathOrName);
  return combinations(settings).map((parameters) => {
    let value = document.value;
    for (const [path, setTo] of Object.entries(parameters)) value = setParameter(value, path, setTo);
    try {
      return { parameters, scenario: parseScenario(document.file, value, document.sha256, { ...options, baseDir }) };
    } catch (error) {
      // Say where the bad value came from: the file on disk is fine.
      if (error instanceof ScenarioError) throw new ScenarioError(error.file, error.field, `${error.problem} (with --set ${describeParameters(parameters)})`);
      throw error;
    }
  });
}

// --- internal ---

function combinations(settings: ParameterSetting[]): Record<string, ParameterValue>[] {
  return settings.reduce<Record<string, ParameterValue>[]>(
    (partial, setting) => partial.flatMap((combination) => setting.values.map((value) => ({ ...combination, [setting.path]: value }))),
    [{}],
  );
}
