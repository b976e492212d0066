// Tests for describeError: the exit code, and the one short line an error prints as.

import { describe, expect, it } from "vitest";
import { describeError } from "../../src/cli/describe-error.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { OutputError } from "../../src/report/index.js";
import { NotBuiltError } from "../../src/runner/index.js";
import { meshsim } from "./commands/_meshsim.js";

describe("describeError", () => {
  it("describeError(an output that could not be written) is bad input: exit 2, one line naming the path", () => {
    const { exitCode, message } = describeError(new OutputError("out/results.json", "no space left on the device"), false);
    expect(exitCode).toBe(2);
    expect(message).toBe("meshsim: cannot write out/results.json: no space left on the device\n");
  });

  it("describeError(an error quoting a 100 KB name) cuts the name at 200 characters with an ellipsis", () => {
    const name = "x".repeat(100_000);
    const { exitCode, message } = describeError(new ScenarioError(name, "", "no such file"), false);
    expect(exitCode).toBe(2);
    expect(message).toBe(`meshsim: ${"x".repeat(200)}… no such file\n`);
  });

  it("describeError(a worker bundle not built) says what to run, exit 1, not as an internal error", () => {
    const { exitCode, message } = describeError(new NotBuiltError("dist/src/runner/worker-bundle.js is missing: build with npm run build"), false);
    expect(exitCode).toBe(1);
    expect(message).toBe("meshsim: dist/src/runner/worker-bundle.js is missing: build with npm run build\n");
  });

  it("describeError(an error with many long words) caps the line at 1000 characters", () => {
    const { message } = describeError(new ScenarioError("a.yaml", "", `${"y".repeat(300)} `.repeat(50)), false);
    expect(message.length).toBeLessThan(1100);
    expect(message.endsWith("…\n")).toBe(true);
  });

  it("describeError(an error quoting a name with a line break) prints it escaped, on one line", () => {
    const { message } = describeError(new ScenarioError("a\nb.yaml", "", "no such file"), false);
    expect(message).toBe("meshsim: a\\nb.yaml: no such file\n");
  });

  it("meshsim run <a 100 KB name> exits 2 with one short line", async () => {
    const { exitCode, stderr } = await meshsim("run", `${"z".repeat(100_000)}.yaml`);
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`meshsim: ${"z".repeat(200)}… cannot be read (ENAMETOOLONG)\n`);
  });
});
