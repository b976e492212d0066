import { describe, expect, it } from "vitest";
import { validateDocument, validateProfileDocument } from "../../src/scenario/validate-document.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";
import { validDocument } from "./_valid-scenario.js";

describe("validateDocument", () => {
  it.each([
    [["a", "b", "a"], "s.yaml: cluster.zones[2] must be unique, but cluster.zones[0] is also a"],
    [["a", "a", "a"], "s.yaml: cluster.zones[1] must be unique, but cluster.zones[0] is also a"],
    [["b", "a", "c", "a"], "s.yaml: cluster.zones[3] must be unique, but cluster.zones[1] is also a"],
  ])("validateDocument(zones %j) names the first repeat and where it first stood, from the schema's uniqueItems", (zones, message) => {
    const document = { ...validDocument(), cluster: { nodes: 4, zones } };
    expect(scenarioErrorOf(() => validateDocument("s.yaml", document)).message).toBe(message);
  });

  it("validateProfileDocument(a list that repeats an item) words the repeat the same way, not as ajv's 'items ## 1 and 0 are identical'", () => {
    const error = scenarioErrorOf(() => validateProfileDocument("p.yaml", { security: { mtlsModes: ["strict", "strict"] } }));
    expect(error.message).toContain("mtlsModes[1] must be unique, but security.mtlsModes[0] is also strict");
  });
});
