// Helpers for spec tests: compile a spec with vega-lite and fail on any warning, so a spec that
// vega-lite silently "fixes" (a conflicting legend, an unknown channel) does not pass.

import { compile, type TopLevelSpec } from "vega-lite";
import { expect } from "vitest";

/** Compiles `spec` and asserts vega-lite had nothing to warn about. */
export function expectCompilesCleanly(spec: TopLevelSpec): void {
  const warnings: string[] = [];
  const record = (...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
    return logger;
  };
  const logger = { level: () => logger, warn: record, info: () => logger, debug: () => logger, error: record };
  compile(spec, { logger: logger as never });
  expect(warnings).toEqual([]);
}

/** The inline data rows of a spec. */
export function dataValues(spec: TopLevelSpec): Record<string, unknown>[] {
  return (spec as { data: { values: Record<string, unknown>[] } }).data.values;
}
