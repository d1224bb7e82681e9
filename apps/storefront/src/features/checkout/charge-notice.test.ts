import { chargeNotice, payFinePrint } from './charge-notice.ts';

describe('chargeNotice', () => {
  it('when the restaurant confirms orders automatically, then checkout says nothing more', () => {
    expect(chargeNotice({ order_acceptance: 'automatic', acceptance_window_minutes: 10 })).toBeNull();
  });

  it('when the restaurant accepts each order itself, then checkout says the card is charged on acceptance', () => {
    const notice = chargeNotice({ order_acceptance: 'manual', acceptance_window_minutes: 10 });
    expect(notice).toContain(
      'your card is charged when the restaurant accepts your order, within 10 minutes',
    );
    expect(notice).toContain('the hold is released and you are not charged');
  });

  it('when the window is one minute, then the word is singular', () => {
    expect(chargeNotice({ order_acceptance: 'manual', acceptance_window_minutes: 1 })).toContain(
      'within 1 minute.',
    );
  });
});

describe('payFinePrint', () => {
  it.each([
    [
      'automatic',
      'By placing your order you agree to be charged the total shown. You will get a confirmation email.',
    ],
    [
      'manual',
      'By placing your order you agree to be charged the total shown when the restaurant accepts your order. You will get a confirmation email.',
    ],
  ] as const)('when acceptance is %s, then the fine print reads %j', (order_acceptance, text) => {
    expect(payFinePrint({ order_acceptance, acceptance_window_minutes: 10 })).toBe(text);
  });
});
