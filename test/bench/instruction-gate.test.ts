import { describe, expect, it } from "vitest";
import {
  compareInstructions,
  formatInstructionTable,
  hostMismatch,
  instructionsPerRequest,
  parseInstructionCount,
  type InstructionReport,
  type InstructionResult,
} from "../../bench/instruction-gate.js";

const result = (name: string, instructions: number): InstructionResult => ({ case: name, requests: [1e4, 3e4], instructionsPerRequest: instructions });
const host = { cpu: "AMD EPYC", node: "20.20.2", valgrind: "valgrind-3.19.0", platform: "linux" };
const baseline: InstructionReport = { schemaVersion: 1, generatedAt: "2026-01-01T00:00:00.000Z", host, cases: [result("mm1", 3600), result("robot-shop-istio", 58000)] };

describe("parseInstructionCount", () => {
  it("reads cachegrind's total from its summary, commas and all", () => {
    const stderr = "==12629== \n==12629== I   refs:      4,182,197,170\n";
    expect(parseInstructionCount(stderr)).toBe(4_182_197_170);
  });

  it("says so when valgrind printed no count", () => {
    expect(() => parseInstructionCount("==1== error")).toThrow(/no instruction count/);
  });
});

describe("instructionsPerRequest", () => {
  it("is the larger run's count less the smaller's over the requests between them, so start-up and warm-up cancel", () => {
    const startUp = 4e9;
    const runs = { small: { requests: 99_879, instructions: startUp + 99_879 * 3600 }, large: { requests: 299_700, instructions: startUp + 299_700 * 3600 } };
    expect(instructionsPerRequest("mm1", runs)).toEqual({ case: "mm1", requests: [99_879, 299_700], instructionsPerRequest: 3600 });
  });

  it("refuses runs whose larger one completed no more requests", () => {
    const runs = { small: { requests: 100, instructions: 1e6 }, large: { requests: 100, instructions: 2e6 } };
    expect(() => instructionsPerRequest("mm1", runs)).toThrow(/case mm1: the larger run must complete more requests/);
  });
});

describe("compareInstructions", () => {
  it("fails a case more than the tolerance above its baseline, and passes one within it", () => {
    const comparison = compareInstructions([result("mm1", 3700), result("robot-shop-istio", 58500)], baseline, 2);
    expect(comparison.failing).toBe(true);
    expect(comparison.rows.map((row) => row.status)).toEqual(["more", "ok"]);
    expect(comparison.rows[0].change).toBeCloseTo(100 / 3600, 6);
  });

  it("reports fewer instructions and cases without a baseline without failing", () => {
    const comparison = compareInstructions([result("mm1", 3000), result("new-case", 1)], baseline, 2);
    expect(comparison.rows.map((row) => row.status)).toEqual(["fewer", "no baseline"]);
    expect(comparison.failing).toBe(false);
  });

  it("prints a table and a verdict", () => {
    const text = formatInstructionTable(compareInstructions([result("mm1", 3700)], baseline, 2), 2);
    expect(text).toMatch(/^case\s+instructions\/request\s+baseline\s+change\s+result\nmm1\s+3,700\s+3,600\s+\+2.78%\s+MORE/);
    expect(text.endsWith("FAILED: more than 2% more instructions per request than the baseline")).toBe(true);
  });

  it("gives the reason instead of a verdict when the counts cannot be judged", () => {
    const text = formatInstructionTable(compareInstructions([result("mm1", 3700)], baseline, 2), 2, "the baseline was counted elsewhere");
    expect(text).toMatch(/MORE/);
    expect(text).not.toMatch(/FAILED/);
    expect(text.endsWith("not judged: the baseline was counted elsewhere")).toBe(true);
  });
});

describe("hostMismatch", () => {
  it("names what differs from the baseline's host, and nothing when all is the same", () => {
    expect(hostMismatch(host, host)).toBeUndefined();
    expect(hostMismatch({ ...host, node: "22.1.0" }, host)).toMatch(/node 20.20.2 there, 22.1.0 here.*--update/);
  });
});
