// Tests for read-manifests.ts: multi-document files, List expansion, line lookup, and one-line
// errors naming file and line for YAML and shape problems.

import { afterAll, describe, expect, it } from "vitest";
import { formatPath, readManifests } from "../../../src/import/traffic/read-manifests.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

describe("readManifests", () => {
  it("reads every document, dropping empty ones, with group, version, kind and name", () => {
    const manifests = readManifests(fixture("destination-rule-all.yaml"));
    expect(manifests.map((manifest) => `${manifest.group} ${manifest.version} ${manifest.kind} ${manifest.name}`)).toEqual([
      "networking.istio.io v1 DestinationRule productpage",
      "networking.istio.io v1 DestinationRule reviews",
      "networking.istio.io v1 DestinationRule ratings",
      "networking.istio.io v1 DestinationRule details",
    ]);
  });

  it("gives the core group as an empty string", () => {
    const [service] = readManifests(fixture("gamma-http-route.yaml"));
    expect([service.group, service.version, service.kind]).toEqual(["", "v1", "Service"]);
  });

  it("finds the line of a field, or of the nearest enclosing one", () => {
    const [, reviews] = readManifests(fixture("destination-rule-all.yaml"));
    expect(reviews.lineOf([])).toBe(13);
    expect(reviews.lineOf(["spec", "host"])).toBe(18);
    expect(reviews.lineOf(["spec", "subsets", 1, "labels", "version"])).toBe(25);
    expect(reviews.lineOf(["spec", "subsets", 1, "nothing"])).toBe(23);
  });

  it("expands kubectl's List into its items, with lines inside the list", () => {
    const path = scratch.write(
      "list.yaml",
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: split.smi-spec.io/v1alpha4\n  kind: TrafficSplit\n  metadata: { name: a }\n- apiVersion: v1\n  kind: Service\n  metadata: { name: b }\n",
    );
    const manifests = readManifests(path);
    expect(manifests.map((manifest) => `${manifest.kind} ${manifest.name}`)).toEqual(["TrafficSplit a", "Service b"]);
    expect(manifests[1].lineOf(["metadata"])).toBe(9);
  });

  it("names an object without metadata.name (unnamed)", () => {
    const path = scratch.write("unnamed.yaml", "apiVersion: v1\nkind: Service\n");
    expect(readManifests(path)[0].name).toBe("(unnamed)");
  });

  it("readManifests(a YAML syntax error) names file, line and column", () => {
    const path = fixture("broken.yaml");
    expect(oneLineScenarioErrorOf(() => readManifests(path)).message).toBe(
      `${path}: line 7 column 3 is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
  });

  it("readManifests(a syntax error in a later document) names the line in the file", () => {
    const path = scratch.write("second-broken.yaml", "apiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: Service\nkind: Pod\n");
    expect(oneLineScenarioErrorOf(() => readManifests(path)).message).toBe(`${path}: line 6 column 1 is not valid YAML: Map keys must be unique`);
  });

  it.each([
    ["a scalar document", "just text\n", "document 1 (line 1) is not a Kubernetes object (a mapping with apiVersion and kind)"],
    ["a document without kind", "apiVersion: v1\nmetadata: { name: x }\n", "document 1 (line 1) kind is missing: every Kubernetes object names its kind"],
    ["a document without apiVersion", "---\nkind: Service\n", "document 1 (line 2) apiVersion is missing: every Kubernetes object (here a Service) names its apiVersion"],
    ["a List whose items is no list", "apiVersion: v1\nkind: List\nitems: 3\n", "document 1 (line 3) items must be a list of Kubernetes objects"],
  ])("readManifests(%s) names the document", (_what, text, problem) => {
    const path = scratch.write("shape.yaml", text);
    expect(oneLineScenarioErrorOf(() => readManifests(path)).message).toBe(`${path}: ${problem}`);
  });

  it.each([
    ["a missing file", "missing.yaml", "no such file"],
    ["an empty file", "empty.yaml", "is empty"],
  ])("readManifests(%s) says so", (_what, name, problem) => {
    const path = name === "empty.yaml" ? scratch.write(name, "\n\n") : `${fixture(name)}`;
    expect(oneLineScenarioErrorOf(() => readManifests(path)).message).toBe(`${path}: ${problem}`);
  });
});

describe("formatPath", () => {
  it.each([
    [["spec", "http", 0, "mirror"], "spec.http[0].mirror"],
    [["metadata", "annotations", "retry.linkerd.io/http"], 'metadata.annotations["retry.linkerd.io/http"]'],
    [[], ""],
  ])("formatPath(%j) is %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
