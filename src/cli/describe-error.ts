/**
 * Maps an error to what the user sees (one line, a stack only with --debug) and to the exit
 * code: bad input, overload and a pod that fits on no node are 2, an unbuilt worker bundle and
 * anything unexpected are 1.
 */

import { CommanderError } from "commander";
import { OverloadError, UnsupportedSettingError } from "../mesh/index.js";
import { OutputCancelledError, OutputError } from "../report/index.js";
import { CancelledError, NotBuiltError, TaskFailedError } from "../runner/index.js";
import { ScenarioError } from "../scenario/index.js";
import { EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_INTERNAL_ERROR, EXIT_OK } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

export interface ErrorOutcome {
  exitCode: number;
  /** What to print on stderr; empty when commander already printed it. */
  message: string;
}

/**
 * The exit code and the line to print for `error`.
 * @example describeError(new ScenarioError("a.yaml", "load", "is required"), false).exitCode // 2
 */
export function describeError(error: unknown, debug: boolean): ErrorOutcome {
  if (error instanceof CommanderError) {
    // Help and version exit 0; a usage error has already been printed by commander.
    const exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    return { exitCode, message: "" };
  }
  if (error instanceof CancelledError || error instanceof OutputCancelledError) return { exitCode: EXIT_CANCELLED, message: `meshsim: ${error.message}\n` };
  const badInput =
    error instanceof ScenarioError ||
    error instanceof UsageError ||
    error instanceof OverloadError ||
    error instanceof UnsupportedSettingError ||
    error instanceof OutputError ||
    isUnschedulable(error) ||
    (error instanceof TaskFailedError && error.overloaded);
  const message = toOneShortLine(error instanceof Error ? error.message : String(error));
  const detail = debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  if (badInput) return { exitCode: EXIT_BAD_INPUT, message: `meshsim: ${message}${detail}\n` };
  // An unfinished install, not a bug: the line says what to run.
  if (error instanceof NotBuiltError) return { exitCode: EXIT_INTERNAL_ERROR, message: `meshsim: ${message}${detail}\n` };
  const hint = debug ? "" : " (run with --debug for details)";
  return { exitCode: EXIT_INTERNAL_ERROR, message: `meshsim: internal error: ${message}${hint}${detail}\n` };
}

// --- internal ---

/** Longest run of non-space characters (a quoted name, a path) an error line shows whole. */
const MAX_WORD_LENGTH = 200;
/** Longest error line shown. */
const MAX_LINE_LENGTH = 1000;

/**
 * Errors quote what the user gave, which may be a 100 KB name or hold a line break: long words
 * are cut with an ellipsis and line breaks escaped, so the error stays one readable line.
 */
function toOneShortLine(message: string): string {
  const oneLine = message.replace(/\r/g, "\\r").replace(/\n/g, "\\n");
  const shortWords = oneLine.replace(new RegExp(`\\S{${MAX_WORD_LENGTH + 1},}`, "g"), (word) => `${word.slice(0, MAX_WORD_LENGTH)}…`);
  return shortWords.length > MAX_LINE_LENGTH ? `${shortWords.slice(0, MAX_LINE_LENGTH)}…` : shortWords;
}

/**
 * A pod that fits on no node (cluster/'s UnschedulableError): bad input, like an overload. Matched by
 * name because cli/ does not import cluster/ (the import direction), as TaskFailedError matches
 * OverloadError.
 */
function isUnschedulable(error: unknown): boolean {
  return error instanceof Error && error.name === "UnschedulableError";
}
