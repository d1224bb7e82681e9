import type { DinerOrderView } from '@repo/contracts';
import type { PlacedKind } from './outcome.ts';

export type StepState = 'done' | 'current' | 'upcoming';

/** One step of the indicator under the headline, with the time the restaurant reached it. */
export interface Step {
  label: string;
  state: StepState;
  at: string | null;
}

type ProgressFields = Pick<
  DinerOrderView,
  'order_type' | 'confirmed_at' | 'preparing_at' | 'ready_at' | 'completed_at'
>;

/** How many steps each outcome has reached; waiting for the restaurant has reached none. */
const REACHED: Record<PlacedKind, number> = {
  waiting: 0,
  confirmed: 1,
  preparing: 2,
  ready: 3,
  completed: 4,
};

/**
 * Accepted · Preparing · Ready · Picked up (a delivery is "On its way", then "Delivered"). The kitchen
 * may skip a step, so a step counts as done by its position, and its time may be missing.
 */
export function progressSteps(kind: PlacedKind, order: ProgressFields): Step[] {
  const pickup = order.order_type === 'pickup';
  const steps: [string, string | null][] = [
    ['Accepted', order.confirmed_at],
    ['Preparing', order.preparing_at],
    [pickup ? 'Ready' : 'On its way', order.ready_at],
    [pickup ? 'Picked up' : 'Delivered', order.completed_at],
  ];
  const reached = REACHED[kind];
  return steps.map(([label, at], index) => ({
    label,
    state: index + 1 < reached ? 'done' : index + 1 === reached ? 'current' : 'upcoming',
    at: index < reached ? at : null,
  }));
}
