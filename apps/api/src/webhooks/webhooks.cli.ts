import type { CliCommand } from '../platform/cli-kit.ts';
import { UsageError } from '../platform/cli-kit.ts';
import { replayStoredEvents } from './webhooks.replay.ts';

export const webhookCommands: CliCommand[] = [
  {
    name: 'webhooks:replay',
    usage: 'webhooks:replay [--since <ISO time>] [--event evt_…]',
    summary: 'Re-apply stored Stripe events; safe to repeat (transitions only move forward).',
    options: { since: { type: 'string' }, event: { type: 'string' } },
    async run(ctx, { values }) {
      const since = typeof values.since === 'string' ? new Date(values.since) : undefined;
      if (since && Number.isNaN(since.getTime()))
        throw new UsageError(`--since "${values.since}" is not a date`);
      const eventId = typeof values.event === 'string' ? values.event : undefined;
      if (!since && !eventId) throw new UsageError('give --since or --event');
      const results = await replayStoredEvents(
        { db: ctx.db, payments: await ctx.payments(), logger: ctx.logger },
        { since, eventId },
      );
      for (const result of results)
        ctx.print(
          `${result.id} ${result.type}: ${result.outcome}${result.detail ? ` (${result.detail})` : ''}`,
        );
      ctx.print(`${results.length} event(s) replayed`);
    },
  },
];
