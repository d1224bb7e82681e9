import { storedBody } from './inbox-body.ts';
import { findEventsForReplay, type ReplayFilter } from './webhooks.repository.ts';
import { applyStoredEvent, type WebhookDeps } from './webhooks.service.ts';

export interface ReplayResult {
  id: string;
  type: string;
  outcome: string;
  detail: string | null;
}

/** Re-applies stored events in Stripe's order. Their signatures were verified when they arrived. */
export async function replayStoredEvents(deps: WebhookDeps, filter: ReplayFilter): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for (const stored of await findEventsForReplay(deps.db, filter)) {
    const type = stored.type ?? '(none)';
    try {
      // Read with this code's reader, so an event it could not read when it arrived applies now.
      const verified = deps.payments.readStoredEvent(storedBody(stored), stored.id);
      const receipt = await applyStoredEvent(deps, verified);
      results.push({ id: stored.id, type, ...receipt });
    } catch (error) {
      results.push({
        id: stored.id,
        type,
        outcome: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}
