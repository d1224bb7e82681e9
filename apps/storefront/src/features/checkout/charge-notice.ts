import type { Menu } from '@repo/contracts';

type Restaurant = Pick<Menu['restaurant'], 'order_acceptance' | 'acceptance_window_minutes'>;

/**
 * What checkout says about when the card is charged, decided when the site is built. A restaurant
 * that accepts each order itself only holds the amount at payment, so the diner must not read
 * "Pay" as "charged now".
 */
export function chargeNotice(restaurant: Restaurant): string | null {
  switch (restaurant.order_acceptance) {
    case 'automatic':
      return null;
    case 'manual': {
      const minutes = restaurant.acceptance_window_minutes;
      return (
        'This restaurant accepts each order itself. When you pay, the amount is only held on your card; ' +
        `your card is charged when the restaurant accepts your order, within ${minutes} minute${minutes === 1 ? '' : 's'}. ` +
        'If it cannot take the order, the hold is released and you are not charged.'
      );
    }
    default: {
      const unknown: never = restaurant.order_acceptance;
      return unknown;
    }
  }
}

/** The fine print under the pay button. */
export function payFinePrint(restaurant: Restaurant): string {
  const when =
    restaurant.order_acceptance === 'manual'
      ? 'to be charged the total shown when the restaurant accepts your order'
      : 'to be charged the total shown';
  return `By placing your order you agree ${when}. You will get a confirmation email.`;
}
