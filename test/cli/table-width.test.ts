// Tables fit the terminal stdout writes to (80 columns here), and --wide prints every column
// whole; without a terminal (a pipe) nothing is left out.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/index.js";
import { tableWidth } from "../../src/cli/table-width.js";
import type { CliIo } from "../../src/cli/cli-io.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-table-width-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const results = join(folder, "results.json");

async function stdoutOf(args: string[], columns: number | undefined): Promise<string> {
  let stdout = "";
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: () => {}, stderrIsTty: false, now: () => 0, columns };
  expect([0, 3]).toContain(await runCli(["node", "meshsim", ...args], io));
  return stdout;
}

const widest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));
const RUN = ["run", "fortio", "--mesh", "none,istio,linkerd2", "--mtls", "permissive", "--rps", "500", "--duration", "0.5s", "--replications", "1", "--workers", "1"];

beforeAll(async () => {
  await stdoutOf([...RUN, "--json", results], undefined);
});

describe("tables on an 80-column terminal", () => {
  it.each([
    [["meshes"]],
    [["scenarios"]],
    [RUN],
    [["sweep", "fortio", "--mesh", "none,istio", "--rps", "500,1000", "--slo", "p99<1ms", "--duration", "0.5s", "--replications", "1", "--workers", "1", "--quiet"]],
    [["check", results, "--threshold", "p99<50ms", "--threshold", "istio@500:p99<0.01ms"]],
  ])("meshsim %j fits 80 columns", async (args) => {
    expect(widest(await stdoutOf(args, 80))).toBeLessThanOrEqual(80);
  });

  it("run leaves out the least important columns, says so, and --wide brings them back", async () => {
    const fitted = await stdoutOf(RUN, 80);
    expect(fitted).toContain("(left out to fit the terminal: p90 ms");
    expect(fitted).not.toContain("p90 ms │");
    const wide = await stdoutOf([...RUN, "--wide"], 80);
    expect(wide).toContain("p90 ms");
    expect(wide).not.toContain("left out to fit");
    expect(widest(wide)).toBeGreaterThan(80);
  });

  it("meshes keeps every mesh in its feature matrix, in parts that fit", async () => {
    const text = await stdoutOf(["meshes"], 80);
    for (const mesh of ["cilium", "consul", "istio-ambient", "kuma", "linkerd1", "osm", "traefik-mesh"]) expect(text).toMatch(new RegExp(`│ ${mesh} `));
  });
});

describe("tableWidth", () => {
  const io = (columns?: number): CliIo => ({ stdout: () => {}, stderr: () => {}, stderrIsTty: false, now: () => 0, columns });
  it.each([
    [{}, 100, 100],
    [{ wide: true }, 100, undefined],
    [{}, undefined, undefined],
  ])("tableWidth(%j, a %s-column terminal) is %s", (flags, columns, expected) => {
    expect(tableWidth(flags, io(columns))).toBe(expected);
  });
});

describe("validate's tables on an 80-column terminal", () => {
  it("validate --measured fits 80 columns", async () => {
    const fixture = join(import.meta.dirname, "../fixtures/fortio-istio-1000qps.json");
    const text = await stdoutOf(["validate", "--measured", fixture, "--scenario", "fortio", "--mesh", "istio", "--duration", "0.3s", "--replications", "1", "--workers", "1"], 80);
    expect(widest(text)).toBeLessThanOrEqual(80);
  });
});
