/**
 * The load generator table: every tool has a positive, sourced CPU cost per request, and the
 * default tool is in it.
 */

import { describe, expect, it } from "vitest";
import { DEFAULT_LOAD_GENERATOR_TOOL, LOAD_GENERATOR_TOOLS, LOAD_GENERATOR_TOOL_NAMES } from "../../src/workload/index.js";

describe("LOAD_GENERATOR_TOOLS", () => {
  it("LOAD_GENERATOR_TOOL_NAMES lists fortio, wrk2, oha and nighthawk; fortio is the default", () => {
    expect(LOAD_GENERATOR_TOOL_NAMES).toEqual(["fortio", "wrk2", "oha", "nighthawk"]);
    expect(DEFAULT_LOAD_GENERATOR_TOOL).toBe("fortio");
  });

  it.each(LOAD_GENERATOR_TOOL_NAMES)("LOAD_GENERATOR_TOOLS.%s costs between 0 and 1 ms of CPU per request and names its source", (tool) => {
    const cost = LOAD_GENERATOR_TOOLS[tool];
    expect(cost.cpuMsPerRequest).toBeGreaterThan(0);
    expect(cost.cpuMsPerRequest).toBeLessThan(1);
    expect(cost.source).toMatch(/github\.com\//);
  });

  it("LOAD_GENERATOR_TOOLS marks the figure derived without a direct measurement as an estimate", () => {
    expect(LOAD_GENERATOR_TOOLS.wrk2.source).toMatch(/^estimate: /);
  });

  it("LOAD_GENERATOR_TOOLS.nighthawk keeps a core per worker busy whatever the rate", () => {
    expect(LOAD_GENERATOR_TOOLS.nighthawk.idleVcpuPerWorker).toBe(1);
  });
});
