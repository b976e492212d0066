/**
 * A closed pipe on stdout (`meshsim run … | head -2`) means the reader has what it wanted: not a
 * failure of meshsim, so main.ts ends quietly with exit 0 instead of printing Node's EPIPE trace.
 */

/**
 * Whether a stream error says the reading end of the pipe has gone away.
 * @example isClosedPipe(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })) // true
 */
export function isClosedPipe(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "EPIPE";
}
