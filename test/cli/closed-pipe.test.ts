// isClosedPipe tells a reader that went away (EPIPE) from every other stream error.

import { describe, expect, it } from "vitest";
import { isClosedPipe } from "../../src/cli/closed-pipe.js";

describe("isClosedPipe", () => {
  it.each([
    [Object.assign(new Error("write EPIPE"), { code: "EPIPE" }), true],
    [Object.assign(new Error("write ENOSPC"), { code: "ENOSPC" }), false],
    [new Error("write EPIPE"), false],
    ["EPIPE", false],
    [undefined, false],
  ])("isClosedPipe(%s) is %s", (error, expected) => {
    expect(isClosedPipe(error)).toBe(expected);
  });
});
