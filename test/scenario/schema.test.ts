import { describe, expect, it } from "vitest";
import { machineTypeNames } from "../../src/cluster/index.js";
import { SCENARIO_SCHEMA } from "../../src/scenario/schema.js";

describe("SCENARIO_SCHEMA", () => {
  it("describes cluster.machineType with every machine type and no source file, which users do not have", () => {
    const description: string = (SCENARIO_SCHEMA as any).properties.cluster.properties.machineType.description;
    for (const name of machineTypeNames()) expect(description).toContain(name);
    expect(description).not.toContain("src/");
  });
});
