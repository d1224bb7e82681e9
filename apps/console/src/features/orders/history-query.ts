import type { OrderStatus } from '@repo/contracts';
import { addDays, startOfDay } from '../../lib/time.ts';

/** What the orders page searches for: text, one day of the restaurant's calendar, a status. */
export interface HistorySearch {
  q: string;
  /** `YYYY-MM-DD` on the restaurant's calendar, or '' for every day. */
  day: string;
  status: OrderStatus | '';
}

export const PAGE_SIZE = 25;

/** The list endpoint's query for a search: the day becomes [its start, the next day's start). */
export function listQueryOf(
  search: HistorySearch,
  timeZone: string,
  cursor?: string | null,
): URLSearchParams {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (search.q.trim()) query.set('q', search.q.trim());
  if (/^\d{4}-\d{2}-\d{2}$/.test(search.day)) {
    query.set('created_from', startOfDay(search.day, timeZone));
    query.set('created_to', startOfDay(addDays(search.day, 1), timeZone));
  }
  if (search.status) query.set('status', search.status);
  if (cursor) query.set('cursor', cursor);
  return query;
}

/** The search as this page's own address, so going back from an order returns to the same list. */
export function searchFromUrl(params: URLSearchParams, today: string): HistorySearch {
  const day = params.get('day');
  return {
    q: params.get('q') ?? '',
    day: day === null ? today : /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '',
    status: (params.get('status') ?? '') as HistorySearch['status'],
  };
}
