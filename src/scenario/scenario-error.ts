/**
 * The one error type for bad input: it names the file and the field, and prints as one line
 * (`robot.yaml: services[2].replicas must be an integer >= 1`) without a stack trace. With no
 * file, the field is a command-line flag (`--mesh names unknown mesh x`).
 */

/** A scenario (or other input file) that cannot be used, with the file and field at fault. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(file === "" ? `${field} ${problem}` : field === "" ? `${file}: ${problem}` : `${file}: ${field} ${problem}`);
    this.name = "ScenarioError";
  }
}
