/**
 * The CLI's view of the outside world, passed in so commands are testable without a process:
 * results to stdout, progress and logs to stderr, and the few facts about the terminal.
 */

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is drawn only then). */
  stderrIsTty: boolean;
  /** Wall-clock milliseconds, for `meta.wallSeconds` and progress only (never for the model). */
  now: () => number;
  /** The width of the terminal stdout writes to, in characters; undefined when stdout is not one (tables fit it). */
  columns?: number;
  /** Fires on Ctrl-C: long commands stop and write nothing. */
  signal?: AbortSignal;
  /** Reads standard input to its end (`meshsim import manifests -`). */
  readStdin?: () => Promise<string>;
}
