/** What a flag on an order means and what a person should do about it, from its recorded reason. */
export interface FlagMeaning {
  title: string;
  meaning: string;
  todo: string;
}

const MEANINGS: { test: RegExp; meaning: FlagMeaning }[] = [
  {
    test: /^a refund failed after this order was cancelled/,
    meaning: {
      title: 'Money left on a cancelled order',
      meaning:
        'The order was cancelled, but a refund failed afterwards, so the diner still has money with us.',
      todo: 'Refund what is left on the order page, or in the Stripe Dashboard. The flag clears once refunds cover the payment.',
    },
  },
  {
    test: /^succeeded refunds total/,
    meaning: {
      title: 'Refunded more than received',
      meaning: 'The refunds recorded for this order add up to more than its payment.',
      todo: 'Compare the refund ledger with the payment in the Stripe Dashboard before refunding anything else.',
    },
  },
  {
    test: /^Stripe does not know PaymentIntent/,
    meaning: {
      title: 'Payment unknown to Stripe',
      meaning:
        "Stripe no longer knows this order's payment: its test data was deleted, or the key is another account's.",
      todo: 'Check the order in the Stripe Dashboard of the account that took it, and call the diner if needed.',
    },
  },
  {
    test: /after this order's payment was canceled$/,
    meaning: {
      title: 'Paid after the payment was cancelled',
      meaning: "The diner's card was charged after the order's payment had been cancelled.",
      todo: 'Refund the charge in the Stripe Dashboard, or take the order after speaking to the diner.',
    },
  },
  {
    test: /^PaymentIntent \S+ took .* whose payment is /,
    meaning: {
      title: 'Paid twice',
      meaning: 'A second payment arrived for this order besides its own.',
      todo: 'Refund the extra payment in the Stripe Dashboard.',
    },
  },
  {
    test: /^(metadata\.order_id|currency|amount\w*|livemode) /,
    meaning: {
      title: 'Payment does not match the order',
      meaning:
        'The payment Stripe reports differs from the order (amount, currency, mode or order), so it was not confirmed by itself.',
      todo: 'Compare the order with the payment in the Stripe Dashboard, then cook it or refund the diner.',
    },
  },
];

const UNKNOWN: FlagMeaning = {
  title: 'Needs a person',
  meaning: 'Something about this order could not be settled automatically.',
  todo: 'Read the reason and the timeline on the order page, and check the payment in the Stripe Dashboard.',
};

/** Every kind of flag, for the legend of the flagged list. */
export const FLAG_KINDS: readonly FlagMeaning[] = [...MEANINGS.map((entry) => entry.meaning), UNKNOWN];

export function flagMeaning(reason: string): FlagMeaning {
  return MEANINGS.find((entry) => entry.test.test(reason))?.meaning ?? UNKNOWN;
}

/** A dispute's status (Stripe's words) as a sentence. */
export function disputeText(status: string): string {
  switch (status) {
    case 'warning_needs_response':
    case 'needs_response':
      return 'The diner disputed the charge with their bank. Respond in the Stripe Dashboard before the deadline.';
    case 'warning_under_review':
    case 'under_review':
      return 'The diner disputed the charge; the bank is reviewing the evidence.';
    case 'won':
    case 'warning_closed':
      return 'The dispute was closed in the restaurant’s favour.';
    case 'lost':
      return 'The dispute was lost: the bank returned the money to the diner.';
    default:
      return `The diner disputed the charge (${status.replaceAll('_', ' ')}).`;
  }
}
