import type { DinerOrderView } from '@repo/contracts';
import type { PlacedKind } from './outcome.ts';

/** A time of the order's day on the restaurant's clock, labelled with its zone ("7:45 PM EST"). */
export function timeText(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/**
 * When the order will be ready, on the restaurant's clock and labelled with its zone (e.g. "7:45 PM
 * EST"), so a diner ordering from another zone reads the time the kitchen works to.
 */
export function readyText(
  order: Pick<DinerOrderView, 'scheduled_time' | 'estimated_ready_at'>,
  timeZone: string,
  now = new Date(),
): string {
  const iso = order.scheduled_time ?? order.estimated_ready_at;
  if (!iso) return '';
  const at = new Date(iso);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date);
  const sameDay = day(at) === day(now);
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(sameDay ? {} : { weekday: 'short', month: 'short', day: 'numeric' }),
  }).format(at);
}

/**
 * When the diner gets the order: its ready time for pickup, its delivery estimate (ready plus the
 * restaurant's delivery time) for delivery; on the restaurant's clock, labelled.
 */
export function arrivalText(
  order: Pick<
    DinerOrderView,
    'order_type' | 'scheduled_time' | 'estimated_ready_at' | 'estimated_delivery_at'
  >,
  timeZone: string,
  now = new Date(),
): string {
  if (order.order_type === 'pickup' || !order.estimated_delivery_at) return readyText(order, timeZone, now);
  return readyText({ scheduled_time: null, estimated_ready_at: order.estimated_delivery_at }, timeZone, now);
}

/** One line of a delivery address: "1 Main St, Apt 4, New York, NY 10001". */
export function addressLine(address: NonNullable<DinerOrderView['delivery_address']>): string {
  const place = [address.region, address.postal_code].filter(Boolean).join(' ');
  return [address.line1, address.line2, address.city, place].filter(Boolean).join(', ');
}

/** "about 9 minutes from now", or null once the deadline has passed. */
export function timeLeftText(deadlineIso: string, now: Date): string | null {
  const left = new Date(deadlineIso).getTime() - now.getTime();
  if (left <= 0) return null;
  if (left < 60_000) return 'less than a minute from now';
  const minutes = Math.round(left / 60_000);
  return `about ${minutes} minute${minutes === 1 ? '' : 's'} from now`;
}

/** Why nothing is charged yet, with the restaurant's deadline in words. */
export function waitingText(
  deadlineIso: string | null,
  restaurant: string,
  timeZone: string,
  now = new Date(),
): string {
  const promise =
    'Your card is charged only when it accepts; if it cannot, the hold on your card is released.';
  if (!deadlineIso) return `${restaurant} is looking at your order now. ${promise}`;
  const left = timeLeftText(deadlineIso, now);
  if (!left) return `${restaurant}'s time to accept your order is up; this page updates in a moment.`;
  return `${restaurant} has until ${timeText(deadlineIso, timeZone)} to accept your order (${left}). ${promise}`;
}

type OrderFields = Pick<
  DinerOrderView,
  | 'order_number'
  | 'order_type'
  | 'customer'
  | 'acceptance_deadline'
  | 'scheduled_time'
  | 'estimated_ready_at'
  | 'estimated_delivery_at'
  | 'amount_charged'
  | 'amount_refunded'
  | 'amounts'
>;

/** The words of the order card for one step: its headline, the line under it, and the announcement. */
export interface StageWords {
  headline: string;
  lead: string;
  announcement: string;
}

/** Only a manual-acceptance order has a deadline, so only it is said to be "accepted". */
export function stageWords(
  kind: PlacedKind,
  order: OrderFields,
  restaurant: string,
  timeZone: string,
  now = new Date(),
): StageWords {
  const name = order.customer.first_name;
  const number = `Order number ${order.order_number}`;
  const pickup = order.order_type === 'pickup';
  const ready = arrivalText(order, timeZone, now);
  const readyAt = ready ? ` ${pickup ? 'Ready for pickup at about' : 'Delivery at about'} ${ready}.` : '';
  // Refunded in full without a cancel: the card got everything back, whatever the kitchen's step.
  if (order.amount_charged > 0 && order.amount_refunded >= order.amount_charged) {
    return {
      headline: `${name}, your payment was refunded in full.`,
      lead: `${restaurant} refunded order number ${order.order_number}; the refund is listed below.`,
      announcement: `${number} was refunded in full.`,
    };
  }
  switch (kind) {
    case 'waiting':
      return {
        headline: `Thank you, ${name}! Your order is waiting for the restaurant.`,
        lead: waitingText(order.acceptance_deadline, restaurant, timeZone, now),
        announcement: `${number} was sent to the restaurant. ${waitingText(order.acceptance_deadline, restaurant, timeZone, now)}`,
      };
    case 'confirmed':
      return order.acceptance_deadline
        ? {
            headline: `Thank you, ${name}! The restaurant accepted your order.`,
            lead: '',
            announcement: `The restaurant accepted order number ${order.order_number}.${readyAt}`,
          }
        : {
            headline: `Thank you, ${name}! Your order is confirmed.`,
            lead: '',
            announcement: `${number} is confirmed.${readyAt}`,
          };
    case 'preparing':
      return {
        headline: 'Your order is being prepared.',
        lead: '',
        announcement: `${number} is being prepared.${readyAt}`,
      };
    case 'ready':
      return pickup
        ? {
            headline: 'Your order is ready for pickup!',
            lead: `Come and collect it at ${restaurant}; give your order number at the counter.`,
            announcement: `${number} is ready for pickup.`,
          }
        : {
            headline: 'Your order is on its way!',
            lead: 'The driver is on the way to you.',
            announcement: `${number} is on its way.`,
          };
    case 'completed':
      return {
        headline: `Enjoy your meal, ${name}!`,
        lead: `Your order was ${pickup ? 'picked up' : 'delivered'}. Thank you for ordering from ${restaurant}.`,
        announcement: `${number} is complete.`,
      };
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** The amount charged, when the restaurant captured less (or more) than the order's total; else null. */
export function partialCharge(order: Pick<DinerOrderView, 'amount_charged' | 'amounts'>): number | null {
  return order.amount_charged > 0 && order.amount_charged !== order.amounts.total
    ? order.amount_charged
    : null;
}

export function totalLabel(
  kind: PlacedKind,
  order: Pick<DinerOrderView, 'amount_charged' | 'amounts'>,
): string {
  if (kind === 'waiting') return 'Total held on your card';
  return partialCharge(order) === null ? 'Total paid' : 'Order total';
}

/** The sentence around the diner's email address, before and after it. */
export function emailNote(kind: PlacedKind): [string, string] {
  return kind === 'waiting'
    ? ['We will email ', ' as soon as the restaurant answers.']
    : ['A confirmation has been sent to ', '.'];
}

/** What the payment part of the order card says once money went back to the card. */
export interface RefundWords {
  /** "Refunded Dec 4, 2:10 PM EST" or "Refund on its way (Dec 4, …)", with the amount beside it. */
  rows: { label: string; amount: number }[];
  /** What the diner paid after refunds; null when nothing was refunded. */
  net: number | null;
  /** The sentence above the totals; empty when nothing was refunded. */
  note: string;
}

export function refundWords(
  order: Pick<DinerOrderView, 'refunds' | 'amount_refunded' | 'amount_charged'>,
  timeZone: string,
  money: (amount: number) => string,
  now = new Date(),
): RefundWords {
  if (order.refunds.length === 0) return { rows: [], net: null, note: '' };
  const rows = order.refunds.map((refund) => {
    const at = dayAndTime(refund.created_at, timeZone, now);
    return {
      label: refund.status === 'succeeded' ? `Refunded ${at}` : `Refund on its way (${at})`,
      amount: refund.amount,
    };
  });
  const net = order.amount_charged - order.amount_refunded;
  const pending = order.refunds.some((refund) => refund.status === 'pending');
  const back = 'Your bank may take 5–10 business days to show it on your statement.';
  const note =
    net <= 0 && !pending
      ? `Your payment of ${money(order.amount_charged)} was refunded in full. ${back}`
      : `${money(order.refunds.reduce((sum, refund) => sum + refund.amount, 0))} ${pending ? 'is being' : 'was'} refunded to your card. ${back}`;
  return { rows, net, note };
}

/** "2:10 PM EST" today on the restaurant's clock, else "Dec 3, 2:10 PM EST". */
function dayAndTime(iso: string, timeZone: string, now: Date): string {
  const at = new Date(iso);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date);
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(day(at) === day(now) ? {} : { month: 'short', day: 'numeric' }),
  }).format(at);
}
