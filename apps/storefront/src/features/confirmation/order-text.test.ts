import {
  addressLine,
  arrivalText,
  emailNote,
  partialCharge,
  readyText,
  refundWords,
  stageWords,
  timeLeftText,
  totalLabel,
  waitingText,
} from './order-text.ts';
import type { PlacedKind } from './outcome.ts';

const now = new Date('2026-12-04T19:00:00.000Z');
const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
const amounts = { subtotal: 2095, tax: 186, tip: 0, delivery_fee: 0, total: 2281, currency: 'usd' };

describe('readyText', () => {
  // 19:00 UTC on Dec 4 is 2:00 PM in New York and 4:00 AM on Dec 5 in Tokyo.
  const order = (iso: string | null) => ({ scheduled_time: null, estimated_ready_at: iso });
  // ICU puts a narrow no-break space before AM/PM.
  const plain = (text: string) => text.replace(/\s/gu, ' ');

  it.each([
    ['America/New_York', '2:25 PM EST'],
    ['Europe/Berlin', '8:25 PM GMT+1'],
  ])('when the order is ready today in %s, then the time is on its clock and labelled', (zone, text) => {
    expect(plain(readyText(order(inMinutes(25)), zone, now))).toBe(text);
  });

  it('when the order is scheduled for another day on the restaurant’s clock, then the day is shown too', () => {
    expect(plain(readyText(order(inMinutes(11 * 60)), 'America/New_York', now))).toBe(
      'Sat, Dec 5, 1:00 AM EST',
    );
  });

  it('when the API has no time for the order, then nothing is shown', () => {
    expect(readyText(order(null), 'America/New_York', now)).toBe('');
  });
});

describe('timeLeftText', () => {
  it.each([
    [9.6, 'about 10 minutes from now'],
    [1.2, 'about 1 minute from now'],
    [0.5, 'less than a minute from now'],
    [0, null],
    [-2, null],
  ])('when the deadline is %d minutes away, then it reads %j', (minutes, words) => {
    expect(timeLeftText(inMinutes(minutes), now)).toBe(words);
  });
});

describe('waitingText', () => {
  it('when the restaurant has time left, then the deadline is given as a time and in minutes, and the card promise follows', () => {
    const text = waitingText(inMinutes(10), 'Trattoria', 'America/New_York', now);
    expect(text).toMatch(
      /^Trattoria has until \d{1,2}:\d{2}\s(AM|PM) E[SD]T to accept your order \(about 10 minutes from now\)\./u,
    );
    expect(text).toContain('Your card is charged only when it accepts');
  });

  it('when the deadline has passed, then the diner is told the page is about to change', () => {
    expect(waitingText(inMinutes(-1), 'Trattoria', 'America/New_York', now)).toBe(
      "Trattoria's time to accept your order is up; this page updates in a moment.",
    );
  });
});

describe('stageWords', () => {
  const order = {
    order_number: 1042,
    order_type: 'pickup' as const,
    customer: { first_name: 'Ada', email: 'ada@example.com' },
    acceptance_deadline: inMinutes(10),
    scheduled_time: null,
    estimated_ready_at: inMinutes(30),
    estimated_delivery_at: null,
    amount_charged: 0,
    amount_refunded: 0,
    amounts,
  };

  it.each<PlacedKind>(['confirmed', 'preparing', 'ready', 'completed'])(
    'when a %s order is refunded in full, then the headline says so instead of the step',
    (kind) => {
      const refunded = { ...order, amount_charged: 2281, amount_refunded: 2281 };
      const words = stageWords(kind, refunded, 'Trattoria', 'UTC', now);
      expect(words.headline).toBe('Ada, your payment was refunded in full.');
      expect(words.announcement).toBe('Order number 1042 was refunded in full.');
      expect(
        stageWords(kind, { ...refunded, amount_refunded: 695 }, 'Trattoria', 'UTC', now).headline,
      ).not.toContain('refunded');
    },
  );

  it.each<[PlacedKind, 'pickup' | 'delivery', string | null, string]>([
    ['waiting', 'pickup', inMinutes(10), 'Thank you, Ada! Your order is waiting for the restaurant.'],
    ['confirmed', 'pickup', inMinutes(10), 'Thank you, Ada! The restaurant accepted your order.'],
    ['confirmed', 'pickup', null, 'Thank you, Ada! Your order is confirmed.'],
    ['preparing', 'pickup', null, 'Your order is being prepared.'],
    ['ready', 'pickup', null, 'Your order is ready for pickup!'],
    ['ready', 'delivery', null, 'Your order is on its way!'],
    ['completed', 'delivery', null, 'Enjoy your meal, Ada!'],
  ])(
    'when the order is %s for %s with deadline %s, then the headline is %j',
    (kind, type, deadline, headline) => {
      const words = stageWords(
        kind,
        { ...order, order_type: type, acceptance_deadline: deadline },
        'Trattoria',
        'UTC',
        now,
      );
      expect(words.headline).toBe(headline);
      expect(words.announcement).toContain(
        kind === 'confirmed' && deadline ? 'order number 1042' : 'Order number 1042',
      );
    },
  );

  it('when the order waits for the restaurant, then the announcement carries the deadline', () => {
    expect(stageWords('waiting', order, 'Trattoria', 'UTC', now).announcement).toContain(
      'about 10 minutes from now',
    );
  });

  it('when the order is accepted, then the announcement carries the ready time', () => {
    expect(stageWords('confirmed', order, 'Trattoria', 'UTC', now).announcement).toMatch(
      /Ready for pickup at about \d{1,2}:\d{2}\s(AM|PM) UTC\.$/u,
    );
  });
});

describe('partialCharge and totalLabel', () => {
  it.each<[PlacedKind, number, number | null, string]>([
    ['waiting', 0, null, 'Total held on your card'],
    ['confirmed', 2281, null, 'Total paid'],
    ['confirmed', 1781, 1781, 'Order total'],
    ['ready', 1781, 1781, 'Order total'],
  ])(
    'when the order is %s and %i was charged, then the charge shown is %j and the total is labelled %j',
    (kind, charged, shown, label) => {
      const order = { amount_charged: charged, amounts };
      expect(partialCharge(order)).toBe(shown);
      expect(totalLabel(kind, order)).toBe(label);
    },
  );
});

describe('emailNote', () => {
  it('when the order waits, then the diner is promised an email; afterwards the confirmation is said to be sent', () => {
    expect(emailNote('waiting').join('ada@example.com')).toBe(
      'We will email ada@example.com as soon as the restaurant answers.',
    );
    expect(emailNote('confirmed').join('ada@example.com')).toBe(
      'A confirmation has been sent to ada@example.com.',
    );
  });
});

describe('arrivalText', () => {
  const plain = (text: string) => text.replace(/\s/gu, ' ');
  const base = {
    scheduled_time: null,
    estimated_ready_at: inMinutes(20),
    estimated_delivery_at: inMinutes(45),
  };

  it('when the order is delivered, then the arrival is ready plus the delivery time; a pickup is its ready time', () => {
    expect(plain(arrivalText({ ...base, order_type: 'delivery' }, 'America/New_York', now))).toBe(
      '2:45 PM EST',
    );
    expect(plain(arrivalText({ ...base, order_type: 'pickup' }, 'America/New_York', now))).toBe(
      '2:20 PM EST',
    );
  });
});

describe('addressLine', () => {
  it('when the address has every part, then they read in one line; missing parts leave no gaps', () => {
    const address = {
      line1: '1 Main St',
      line2: 'Apt 4',
      city: 'New York',
      region: 'NY',
      postal_code: '10001',
      instructions: null,
    };
    expect(addressLine(address)).toBe('1 Main St, Apt 4, New York, NY 10001');
    expect(addressLine({ ...address, line2: null, region: null })).toBe('1 Main St, New York, 10001');
  });
});

describe('refundWords', () => {
  const money = (amount: number) => `$${(amount / 100).toFixed(2)}`;
  const plain = (text: string) => text.replace(/\s/gu, ' ');
  const refund = (amount: number, status: 'pending' | 'succeeded', minutes: number) => ({
    amount,
    status,
    created_at: inMinutes(minutes),
  });

  it('when nothing was refunded, then there are no rows and no note', () => {
    expect(refundWords({ refunds: [], amount_refunded: 0, amount_charged: 2281 }, 'UTC', money, now)).toEqual(
      {
        rows: [],
        net: null,
        note: '',
      },
    );
  });

  it('when part and then the rest were refunded, then each shows with its time and the net paid is zero', () => {
    const words = refundWords(
      {
        refunds: [refund(695, 'succeeded', 5), refund(1586, 'succeeded', 10)],
        amount_refunded: 2281,
        amount_charged: 2281,
      },
      'America/New_York',
      money,
      now,
    );
    expect(words.rows.map((row) => [plain(row.label), row.amount])).toEqual([
      ['Refunded 2:05 PM EST', 695],
      ['Refunded 2:10 PM EST', 1586],
    ]);
    expect(words.net).toBe(0);
    expect(words.note).toMatch(/^Your payment of \$22\.81 was refunded in full\./);
  });

  it('when a refund is still pending, then it is said to be on its way and the net counts only what succeeded', () => {
    const words = refundWords(
      { refunds: [refund(695, 'pending', -60 * 24)], amount_refunded: 0, amount_charged: 2281 },
      'America/New_York',
      money,
      now,
    );
    expect(plain(words.rows[0]?.label ?? '')).toBe('Refund on its way (Dec 3, 2:00 PM EST)');
    expect(words.net).toBe(2281);
    expect(words.note).toMatch(/^\$6\.95 is being refunded to your card\./);
  });
});
