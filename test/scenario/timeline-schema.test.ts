// TIMELINE_EVENT_KEYS must list exactly the events the schema's if/else chain accepts: the loader's
// "must hold exactly one event" message finds an entry's events by these keys.

import { describe, expect, it } from "vitest";
import { TIMELINE_EVENT_KEYS, TIMELINE_SCHEMA } from "../../src/scenario/timeline-schema.js";

/** Every key whose presence selects a branch of the chain, in order. */
function branchKeys(node: any): string[] {
  if (node?.if === undefined) return [];
  return [...node.if.required, ...branchKeys(node.else)];
}

describe("TIMELINE_EVENT_KEYS", () => {
  it("names each event of the schema's if/else chain, in its order", () => {
    expect(branchKeys(TIMELINE_SCHEMA.items)).toEqual([...TIMELINE_EVENT_KEYS]);
  });
});
