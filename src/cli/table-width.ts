/**
 * How wide a command's tables may be: the terminal's width when stdout is a terminal, unless
 * `--wide` asks for every column whole (as when stdout is a pipe or a file).
 */

import type { CliIo } from "./cli-io.js";

/** Help of the `--wide` flag, the same on every command that prints a table. */
export const WIDE_HELP = "print every table column whole, however wide (default: fit the terminal)";

/**
 * The widest a table line may be; undefined for no limit.
 * @example tableWidth({ wide: true }, io) // undefined
 */
export function tableWidth(flags: { wide?: boolean }, io: CliIo): number | undefined {
  return flags.wide ? undefined : io.columns;
}
