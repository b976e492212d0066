/**
 * The machine type table: names are unique, every row is sourced and sensible, and lookups are
 * case-insensitive.
 */

import { describe, expect, it } from "vitest";
import { MACHINE_TYPES, findMachineType, machineTypeNames } from "../../src/cluster/index.js";

describe("MACHINE_TYPES", () => {
  it("MACHINE_TYPES has unique names, case-insensitively", () => {
    const names = machineTypeNames().map((name) => name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(MACHINE_TYPES.map((type) => [type.name, type] as const))("MACHINE_TYPES row %s has positive vCPU and memory and cites a provider page", (_name, type) => {
    expect(type.vcpu).toBeGreaterThan(0);
    expect(type.memoryGb).toBeGreaterThan(0);
    expect(type.source).toMatch(/^https:\/\//);
  });

  it.each([
    ["m5.large", 2, 8],
    ["c6i.2xlarge", 8, 16],
    ["t3.xlarge", 4, 16],
    ["e2-medium", 2, 4],
    ["e2-standard-4", 4, 16],
    ["n2-standard-8", 8, 32],
    ["n1-standard-2", 2, 7.5],
    ["Standard_D4s_v3", 4, 16],
    ["Standard_B2s", 2, 4],
  ])("findMachineType(%s) has %d vCPU and %d GB", (name, vcpu, memoryGb) => {
    expect(findMachineType(name)).toMatchObject({ name, vcpu, memoryGb });
  });

  it("findMachineType(a name in another case) finds the row and returns its own spelling", () => {
    expect(findMachineType("standard_d2s_v3")?.name).toBe("Standard_D2s_v3");
    expect(findMachineType("E2-STANDARD-2")?.name).toBe("e2-standard-2");
  });

  it("findMachineType(an unknown name) is undefined", () => {
    expect(findMachineType("m5.large2")).toBeUndefined();
  });

  it("only e2-medium is shared-core", () => {
    expect(MACHINE_TYPES.filter((type) => type.sharedCore).map((type) => type.name)).toEqual(["e2-medium"]);
  });
});
