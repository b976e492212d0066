// The ScenarioError an action throws, caught one way for every test that checks a message: a test
// fails if the action throws anything else, or nothing.

import { expect } from "vitest";
import { ScenarioError } from "../../src/scenario/scenario-error.js";

/** The ScenarioError `action` throws; fails the test if it throws anything else or nothing. */
export function scenarioErrorOf(action: () => unknown): ScenarioError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error("expected a ScenarioError, but nothing was thrown");
}

/** As scenarioErrorOf, and checks that the message is one line, as the CLI prints it. */
export function oneLineScenarioErrorOf(action: () => unknown): ScenarioError {
  const error = scenarioErrorOf(action);
  expect(error.message).not.toMatch(/[\r\n]/);
  return error;
}
