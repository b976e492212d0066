// writeOutputFile sends `-` to stdout and stages anything else in the command's batch;
// stdoutClaimant lets one flag at most take stdout; probeOutputFiles refuses two flags on one file.

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.js";
import { OutputBatch } from "../../src/report/index.js";
import { probeOutputFiles, reportOutputs, stdoutClaimant, writeOutputFile } from "../../src/cli/output-file.js";
import { UsageError } from "../../src/cli/usage-error.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-output-file-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function capture(): { io: CliIo; printed: () => string } {
  let stdout = "";
  return { io: { stdout: (text) => (stdout += text), stderr: () => {}, stderrIsTty: false, now: () => 0 }, printed: () => stdout };
}

describe("writeOutputFile", () => {
  it("writes - to stdout and creates no file named -", () => {
    const { io, printed } = capture();
    writeOutputFile("-", "hello\n", io, new OutputBatch());
    expect(printed()).toBe("hello\n");
    expect(existsSync("-")).toBe(false);
  });

  it("stages a path in the batch, written when the batch commits, and nothing to stdout", () => {
    const { io, printed } = capture();
    const path = join(folder, "a", "b.txt");
    const batch = new OutputBatch();
    writeOutputFile(path, "hello\n", io, batch);
    expect(existsSync(path)).toBe(false);
    batch.commit();
    expect(readFileSync(path, "utf8")).toBe("hello\n");
    expect(printed()).toBe("");
  });
});

describe("stdoutClaimant", () => {
  it.each([
    [[["--json", false], ["--junit", false]], undefined],
    [[["--json", false], ["--junit", true]], "--junit"],
  ] as Array<[Array<[string, boolean]>, string | undefined]>)("stdoutClaimant(%j) is %s", (flags, expected) => {
    expect(stdoutClaimant(flags)).toBe(expected);
  });

  it("refuses two flags on stdout, naming both", () => {
    expect(() => stdoutClaimant([["--json", true], ["--markdown", true], ["--junit", false]])).toThrow(
      new UsageError("--json and --markdown each ask for stdout; write all but one of them to a file"),
    );
  });
});

describe("probeOutputFiles", () => {
  it("regression: refuses two flags naming one file for different contents, naming both, and leaves nothing", () => {
    const file = join(folder, "probe", "same.json");
    expect(() => probeOutputFiles([["--json", file, "document"], ["--traces", join(folder, "probe", ".", "same.json")]])).toThrow(
      new UsageError(`--json and --traces both write ${join(folder, "probe", ".", "same.json")}: give each its own file`),
    );
    expect(() => probeOutputFiles([["--junit", file], ["--markdown", file]])).toThrow("--junit and --markdown both write");
    expect(existsSync(join(folder, "probe"))).toBe(false);
  });

  it("lets two flags write the same document to one file, and skips stdout and flags not given", () => {
    const file = join(folder, "probe-same", "results.json");
    expect(() => probeOutputFiles([["--json", file, "document"], ["--out", file, "document"], ["--junit", "-"], ["--markdown", "-"], ["--traces", undefined]])).not.toThrow();
    expect(existsSync(join(folder, "probe-same"))).toBe(false);
  });

  it("regression: refuses a file --out's report writes (report.html, or inside charts/) named by another flag, and leaves nothing", () => {
    const out = join(folder, "probe-report");
    const report = reportOutputs(out);
    const plan = (file: string) => () => probeOutputFiles([["--json", file, "document"], ["--out", join(out, "results.json"), "document"], ...report.files], report.folders);
    expect(plan(join(out, "report.html"))).toThrow(new UsageError(`--json and --out both write ${join(out, "report.html")}: give each its own file`));
    expect(plan(join(out, "charts", "latency-cdf.svg"))).toThrow(
      new UsageError(`--json names ${join(out, "charts", "latency-cdf.svg")}, in the folder ${join(out, "charts")} that --out fills: give it a file outside it`),
    );
    expect(plan(join(out, "charts"))).toThrow(`--json names ${join(out, "charts")}, in the folder`);
    expect(existsSync(out)).toBe(false);
    expect(plan(join(out, "charts-of-mine.json"))).not.toThrow();
    expect(plan(join(out, "results.json"))).not.toThrow();
  });
});
