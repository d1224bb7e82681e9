import { actorText, detailText } from './timeline-text.ts';

describe('actorText', () => {
  it.each([
    [
      { type: 'staff' as const, id: 'f0e1', name: 'Grace Hopper', role: 'manager' as const },
      'Grace Hopper (manager)',
    ],
    [{ type: 'staff' as const, id: 'f0e1' }, 'A staff member'],
    [{ type: 'operator' as const, id: 'rk_3f9a1c2b' }, 'API key rk_3f9a1c2b'],
    [{ type: 'stripe' as const, id: 'evt_1' }, 'Stripe (evt_1)'],
    [{ type: 'diner' as const, id: null }, 'Diner'],
    [{ type: 'system' as const, id: null }, 'System'],
  ])('when %o acted, then the timeline names %s', (actor, text) => {
    expect(actorText(actor)).toBe(text);
  });
});

describe('detailText', () => {
  it('when an entry has details, then amounts are money and nested values are left out', () => {
    const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;
    expect(detailText({ reason: 'Out of dough', amount: 695, nested: { a: 1 }, missing: null }, money)).toBe(
      'reason: Out of dough · amount: $6.95',
    );
    expect(detailText(null, money)).toBe('');
  });
});
