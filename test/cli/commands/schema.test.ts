// `meshsim schema` must agree with the loader: a value an editor accepts against the printed schema
// loads, and one it flags is refused. Pinned here for the fields whose forms the resolvers check
// (resources quantities, a rollout's surge and unavailable counts), where the two had drifted apart.

import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { ScenarioError } from "../../../src/scenario/index.js";
import { validDocument } from "../../scenario/_valid-scenario.js";
import { meshsim } from "./_meshsim.js";

/** Whether the loader takes `document`; any ScenarioError counts as a refusal (the reason is tested elsewhere). */
function loads(document: object): boolean {
  try {
    parseScenario("shop.yaml", document, "0".repeat(64));
    return true;
  } catch (error) {
    if (error instanceof ScenarioError) return false;
    throw error;
  }
}

async function printedSchemaValidator(): Promise<(document: object) => boolean> {
  const { stdout } = await meshsim("schema");
  // As an editor reads it: a plain draft-07 validator, none of the loader's options.
  const validate = new Ajv({ strict: false }).compile(JSON.parse(stdout));
  return (document) => validate(document) as boolean;
}

function withResource(field: string, value: unknown): object {
  const document = validDocument();
  document.services[0].resources = { [field]: value };
  return document;
}

function withRollout(field: string, value: unknown): object {
  const document = validDocument();
  document.timeline = [{ atS: 1, rollout: { service: "front", [field]: value } }];
  return document;
}

function withZones(zones: unknown): object {
  const document = validDocument();
  document.cluster = { nodes: 3, zones };
  return document;
}

describe("meshsim schema agrees with the loader", () => {
  let editorAccepts: (document: object) => boolean;
  beforeAll(async () => {
    editorAccepts = await printedSchemaValidator();
  });

  it.each([
    ["cpuRequest", 0.5, true],
    ["cpuRequest", 0, true],
    ["cpuRequest", "500m", true],
    ["cpuRequest", "2", true],
    ["cpuRequest", "1e3", true],
    ["cpuRequest", "1e3m", false],
    ["cpuRequest", "+1", true],
    ["cpuRequest", true, false],
    ["cpuRequest", null, false],
    ["cpuRequest", { cores: 1 }, false],
    ["cpuRequest", -1, false],
    ["cpuRequest", "-500m", false],
    ["cpuRequest", "half", false],
    ["cpuRequest", "500 m", false],
    ["cpuRequest", "1Mi", true],
    ["cpuLimit", 2, true],
    ["cpuLimit", "2000m", true],
    ["cpuLimit", "0.5", true],
    ["cpuLimit", 0, false],
    ["cpuLimit", "0m", false],
    ["cpuLimit", "0.000", false],
    ["cpuLimit", false, false],
    ["memoryRequestMb", 128, true],
    ["memoryRequestMb", "128Mi", true],
    ["memoryRequestMb", "1Gi", true],
    ["memoryRequestMb", "512M", true],
    ["memoryRequestMb", "128m", false],
    ["memoryRequestMb", "1.5u", false],
    ["memoryRequestMb", "128MB", false],
    ["memoryRequestMb", true, false],
    ["memoryLimitMb", "1Gi", true],
    ["memoryLimitMb", 0, false],
    ["memoryLimitMb", "0Mi", false],
    ["memoryLimitMb", [], false],
  ])("resources.%s: %j is accepted by both: %s", (field, value, accepted) => {
    const document = withResource(field, value);
    expect({ schema: editorAccepts(document), loader: loads(document) }).toEqual({ schema: accepted, loader: accepted });
  });

  it.each([
    ["maxSurge", 1, true],
    ["maxSurge", 0, true],
    ["maxSurge", "25%", true],
    ["maxSurge", "100%", true],
    ["maxSurge", true, false],
    ["maxSurge", 1.5, false],
    ["maxSurge", -1, false],
    ["maxSurge", "150%", true],
    ["maxSurge", "050%", false],
    ["maxSurge", "25", false],
    ["maxUnavailable", "0%", true],
    ["maxUnavailable", "100%", true],
    ["maxUnavailable", "101%", false],
    ["maxUnavailable", null, false],
  ])("timeline rollout.%s: %j is accepted by both: %s", (field, value, accepted) => {
    const document = withRollout(field, value);
    expect({ schema: editorAccepts(document), loader: loads(document) }).toEqual({ schema: accepted, loader: accepted });
  });

  it.each([
    [["a", "b", "c"], true],
    [["a", "b", "a"], false],
    [["a", "a"], false],
    [3, true],
    [[{ name: "a", nodes: 1 }, { name: "b", nodes: 2 }], true],
  ])("cluster.zones: %j is accepted by both: %s (a name given twice is flagged for editors too)", (zones, accepted) => {
    const document = withZones(zones);
    expect({ schema: editorAccepts(document), loader: loads(document) }).toEqual({ schema: accepted, loader: accepted });
  });

  it("prints uniqueItems on the list of zone names, of cluster.zones and of each clusters[].zones", async () => {
    const schema = JSON.parse((await meshsim("schema")).stdout);
    const namesForm = (zones: { oneOf: Array<{ items?: { type?: string }; uniqueItems?: boolean }> }) => zones.oneOf.find((form) => form.items?.type === "string");
    expect(namesForm(schema.properties.cluster.properties.zones)?.uniqueItems).toBe(true);
    expect(namesForm(schema.properties.clusters.items.properties.zones)?.uniqueItems).toBe(true);
  });
});
