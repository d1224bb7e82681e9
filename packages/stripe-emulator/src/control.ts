import { expireAuthorization } from './domain/authorization.ts';
import type { Domain } from './domain/context.ts';
import { closeDispute } from './domain/disputes.ts';
import { backgroundCause } from './domain/events.ts';
import type { RestrictedKeys } from './http/auth.ts';
import type { FailSwitch } from './http/fail-switch.ts';
import type { EmulatorControl } from './types.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';

export interface ControlDeps {
  domain: Domain;
  dispatcher: WebhookDispatcher;
  failSwitch: FailSwitch;
  restrictedKeys: RestrictedKeys;
}

export function createControl({
  domain,
  dispatcher,
  failSwitch,
  restrictedKeys,
}: ControlDeps): EmulatorControl {
  return {
    reset() {
      domain.store.reset();
      dispatcher.reset();
      failSwitch.reset();
      restrictedKeys.reset();
    },
    addWebhookEndpoint: (ep) => dispatcher.addEndpoint(ep),
    addRestrictedKey: (key, permissions) => restrictedKeys.add(key, permissions),
    setWebhookSecrets: (url, secrets) => dispatcher.setSecrets(url, secrets),
    deliveries: () => dispatcher.records(),
    hold: (on) => dispatcher.hold(on),
    release: (filter) => dispatcher.release(filter),
    drop: (filter) => dispatcher.drop(filter),
    duplicate: (times) => dispatcher.duplicate(times),
    reorder: (on) => dispatcher.reorder(on),
    shuffle: (seed) => dispatcher.shuffle(seed),
    async resend(eventId) {
      const event = domain.store.events.find((e) => e.id === eventId);
      if (!event) throw new Error(`No such event: ${eventId}`);
      const cause = backgroundCause();
      cause.pending.push(...dispatcher.prepare(event, true));
      await domain.events.flush(cause);
    },
    failRequests: (opts) => failSwitch.set(opts),
    async settleRefunds() {
      domain.store.runScheduled();
    },
    closeDispute(disputeId, outcome) {
      const dispute = domain.store.disputes.get(disputeId);
      if (!dispute) throw new Error(`No such dispute: ${disputeId}`);
      closeDispute(domain, dispute, outcome);
    },
    expireAuthorization(paymentIntentId) {
      const pi = domain.store.paymentIntents.get(paymentIntentId);
      if (!pi) throw new Error(`No such payment_intent: ${paymentIntentId}`);
      const cause = backgroundCause();
      expireAuthorization(domain, pi, cause);
      void domain.events.flush(cause);
    },
    events: () => domain.store.events.map((e) => structuredClone(e)),
    waitForIdle: () => dispatcher.waitForIdle(),
  };
}
