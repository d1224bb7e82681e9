/**
 * Runs every closer, in order, even after one of them fails, then throws what failed. For test
 * teardown, where one broken resource must not leave the others open and keep Jest from exiting.
 * A closer may return undefined, as `ctx?.close()` does when a setup failed before `ctx` was set.
 */
export async function closeAll(...closers: (() => unknown)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'several resources failed to close');
}
