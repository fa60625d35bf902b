/**
 * A problem with what the user asked for (a bad option, a missing baseline, a malformed
 * pyproject.toml): the CLI prints the message and exits 2, without a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
