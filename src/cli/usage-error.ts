/**
 * A bad command-line value: the message names the flag, like a ScenarioError names a field.
 */

/** A flag or argument the user must fix; exits with the bad-input code. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
