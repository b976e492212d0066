/**
 * UnschedulableError: what it carries, and that the command line treats it as bad input (exit 2,
 * one line), also when it arrives from a worker thread as a plain Error with its name.
 */

import { describe, expect, it } from "vitest";
import { UnschedulableError } from "../../src/cluster/index.js";
import { describeError } from "../../src/cli/describe-error.js";
import { EXIT_BAD_INPUT } from "../../src/cli/exit-codes.js";

const MESSAGE = "pod productpage-2 (requests 1.1 vCPU, 256 MB with its sidecar) fits on no node: the most any node has left is 0.4 vCPU, 3 GB";

describe("UnschedulableError", () => {
  it("new UnschedulableError(pod, message) keeps the pod and the message, named UnschedulableError", () => {
    const error = new UnschedulableError("productpage-2", MESSAGE);
    expect(error).toBeInstanceOf(Error);
    expect({ name: error.name, pod: error.pod, message: error.message }).toEqual({ name: "UnschedulableError", pod: "productpage-2", message: MESSAGE });
  });

  it("describeError(an UnschedulableError) exits 2 with the message on one line", () => {
    expect(describeError(new UnschedulableError("productpage-2", MESSAGE), false)).toEqual({ exitCode: EXIT_BAD_INPUT, message: `meshsim: ${MESSAGE}\n` });
  });

  it("describeError(a plain Error named UnschedulableError, as from a worker thread) exits 2 too", () => {
    const error = Object.assign(new Error(MESSAGE), { name: "UnschedulableError" });
    expect(describeError(error, false).exitCode).toBe(EXIT_BAD_INPUT);
  });
});
