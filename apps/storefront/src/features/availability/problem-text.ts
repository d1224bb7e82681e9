import type { ProblemType } from '@repo/contracts';
import { zoneTime } from './zone-time.ts';

/** The 422 answers of placing, with the extension members the API adds to each. */
export interface AvailabilityProblem {
  type: string;
  next_opening?: string | null;
  paused_until?: string;
  items?: { name: string }[];
  options?: { name: string }[];
  reason?: string;
  next_slot?: string | null;
}

const SLOT_REASONS: Record<string, string> = {
  'not-on-slot': 'Ready times are every 15 minutes.',
  'too-soon': 'That is sooner than the kitchen needs to prepare your order.',
  'too-far': 'Orders can be scheduled up to 7 days ahead.',
  'outside-hours': 'The restaurant is not open then.',
};

const typeOf = (problem: AvailabilityProblem): ProblemType | string =>
  problem.type.split('/').pop() ?? problem.type;

/** A plain sentence for the diner, or null when the problem is not about what can be ordered now. */
export function availabilityProblemText(problem: AvailabilityProblem, timeZone: string): string | null {
  const at = (iso: string) => zoneTime(iso, timeZone);
  switch (typeOf(problem)) {
    case 'restaurant-closed':
      return problem.next_opening
        ? `The restaurant is closed right now. It opens ${at(problem.next_opening)}; choose "Schedule for later" to order for then.`
        : 'The restaurant is closed and not taking orders this week.';
    case 'ordering-paused':
      return problem.paused_until
        ? `The kitchen is busy and has paused online orders until ${at(problem.paused_until)}. Please try again then.`
        : 'The kitchen has paused online orders for a little while. Please try again soon.';
    case 'item-unavailable': {
      const names = [...(problem.items ?? []), ...(problem.options ?? [])].map((entry) => entry.name);
      return `Sorry, ${names.join(', ') || 'something in your order'} just sold out. Please remove it from your order.`;
    }
    case 'scheduled-time-invalid': {
      const reason = SLOT_REASONS[problem.reason ?? ''] ?? 'The order cannot be ready at that time.';
      return problem.next_slot
        ? `${reason} The next time we can have it ready is ${at(problem.next_slot)}.`
        : reason;
    }
    default:
      return null;
  }
}
