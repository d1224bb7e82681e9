import { acceptRequestOf, rejectReasonOf } from './accept-form.ts';

describe('acceptRequestOf', () => {
  const total = 2281;
  it('when only the minutes are given, then the whole hold is captured', () => {
    expect(acceptRequestOf({ readyIn: '25', captureLess: false, amount: '' }, total, 'usd')).toEqual({
      ok: true,
      value: { ready_in_minutes: 25 },
    });
  });

  it('when less is charged, then the typed amount is sent in minor units', () => {
    expect(acceptRequestOf({ readyIn: '20', captureLess: true, amount: '16.81' }, total, 'usd')).toEqual({
      ok: true,
      value: { ready_in_minutes: 20, amount_to_capture: 1681 },
    });
  });

  it.each([
    ['no minutes', { readyIn: '', captureLess: false, amount: '' }, 'ready_in'],
    ['zero minutes', { readyIn: '0', captureLess: false, amount: '' }, 'ready_in'],
    ['more than four hours', { readyIn: '241', captureLess: false, amount: '' }, 'ready_in'],
    ['a fraction of a minute', { readyIn: '2.5', captureLess: false, amount: '' }, 'ready_in'],
    ['an amount that is not money', { readyIn: '20', captureLess: true, amount: 'ten' }, 'amount'],
    ['three decimals', { readyIn: '20', captureLess: true, amount: '1.005' }, 'amount'],
    ['nothing to charge', { readyIn: '20', captureLess: true, amount: '0' }, 'amount'],
  ])('when the dialog has %s, then it names the field and sends nothing', (_name, fields, field) => {
    expect(acceptRequestOf(fields, total, 'usd')).toMatchObject({ ok: false, field });
  });

  it('when more than the hold is typed, then it says the most it can charge', () => {
    expect(acceptRequestOf({ readyIn: '20', captureLess: true, amount: '22.82' }, total, 'usd')).toEqual({
      ok: false,
      field: 'amount',
      error: 'Amount to charge: at most $22.81, the amount held on the card.',
    });
  });
});

describe('rejectReasonOf', () => {
  it('when a reason is chosen or typed, then it is sent; an empty typed one is refused', () => {
    expect(rejectReasonOf('An item is out', '')).toEqual({ ok: true, value: 'An item is out' });
    expect(rejectReasonOf('other', '  The oven is down ')).toEqual({ ok: true, value: 'The oven is down' });
    expect(rejectReasonOf('other', '   ')).toMatchObject({ ok: false, field: 'other' });
  });
});
