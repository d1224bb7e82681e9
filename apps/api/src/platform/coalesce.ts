/**
 * Runs `task` when triggered, never twice at once: a trigger during a run asks for one more run
 * after it, however many triggers came. A failed run goes to `onError`; the next trigger runs again.
 */
export function coalesced(
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): { trigger(): void; idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> =>
    task()
      .catch(onError)
      .then(() => {
        if (!again) {
          running = null;
          return;
        }
        again = false;
        return run();
      });
  return {
    trigger() {
      if (running) again = true;
      else running = run();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
