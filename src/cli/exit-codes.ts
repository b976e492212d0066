/**
 * Exit codes, the part of the interface CI scripts branch on.
 */

export const EXIT_OK = 0;
/** An internal error: a bug in meshsim, reported with its message. */
export const EXIT_INTERNAL_ERROR = 1;
/** Bad input: a file, a field, a flag, or a system overloaded at the asked load. */
export const EXIT_BAD_INPUT = 2;
/** A check failed: a threshold breached, or `validate` found a figure outside its target. */
export const EXIT_CHECK_FAILED = 3;
/** Cancelled by Ctrl-C (128 + SIGINT, as shells report it). */
export const EXIT_CANCELLED = 130;
