/**
 * The project's built tree lacks what a pooled run needs (the worker bundle), or holds a stale one:
 * neither a bug in meshsim nor bad input, but an install to finish with `npm run build`.
 */

/** Raised when the worker bundle is missing or older than the code beside it. */
export class NotBuiltError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotBuiltError";
  }
}
