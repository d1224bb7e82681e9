import type { PlacedKind } from './outcome.ts';
import { progressSteps, type StepState } from './progress.ts';

const times = {
  confirmed_at: '2026-12-04T19:00:00.000Z',
  preparing_at: '2026-12-04T19:05:00.000Z',
  ready_at: '2026-12-04T19:20:00.000Z',
  completed_at: '2026-12-04T19:30:00.000Z',
};
const none = { confirmed_at: null, preparing_at: null, ready_at: null, completed_at: null };

describe('progressSteps', () => {
  it.each<[PlacedKind, StepState[]]>([
    ['waiting', ['upcoming', 'upcoming', 'upcoming', 'upcoming']],
    ['confirmed', ['current', 'upcoming', 'upcoming', 'upcoming']],
    ['preparing', ['done', 'current', 'upcoming', 'upcoming']],
    ['ready', ['done', 'done', 'current', 'upcoming']],
    ['completed', ['done', 'done', 'done', 'current']],
  ])('when the order is %s, then the steps are %j', (kind, states) => {
    const steps = progressSteps(kind, { order_type: 'pickup', ...times });
    expect(steps.map((step) => step.state)).toEqual(states);
  });

  it('when the order is for pickup, then the steps end with Ready and Picked up', () => {
    const labels = progressSteps('confirmed', { order_type: 'pickup', ...none }).map((step) => step.label);
    expect(labels).toEqual(['Accepted', 'Preparing', 'Ready', 'Picked up']);
  });

  it('when the order is delivered, then the steps end with On its way and Delivered', () => {
    const labels = progressSteps('confirmed', { order_type: 'delivery', ...none }).map((step) => step.label);
    expect(labels).toEqual(['Accepted', 'Preparing', 'On its way', 'Delivered']);
  });

  it('when a step is reached, then it carries its time, and a step not reached yet carries none', () => {
    const steps = progressSteps('preparing', { order_type: 'pickup', ...times });
    expect(steps.map((step) => step.at)).toEqual([times.confirmed_at, times.preparing_at, null, null]);
  });

  it('when the kitchen skipped preparing, then that step is done without a time', () => {
    const steps = progressSteps('ready', { order_type: 'pickup', ...times, preparing_at: null });
    expect(steps[1]).toEqual({ label: 'Preparing', state: 'done', at: null });
    expect(steps[2]).toEqual({ label: 'Ready', state: 'current', at: times.ready_at });
  });
});
