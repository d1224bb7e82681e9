import type { VerifiedEvent } from '../payments/payment-gateway.ts';
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
    try {
      // Inside the try: an event stored before its shape was checked fails alone, not the replay.
      const verified: VerifiedEvent = {
        id: stored.id,
        type: stored.type,
        created: Math.floor(stored.stripe_created_at.getTime() / 1000),
        livemode: stored.livemode,
        payload: stored.payload,
        event: deps.payments.parseEvent(stored.payload),
      };
      const receipt = await applyStoredEvent(deps, verified);
      results.push({ id: stored.id, type: stored.type, ...receipt });
    } catch (error) {
      results.push({
        id: stored.id,
        type: stored.type,
        outcome: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}
