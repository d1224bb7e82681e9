import { optionalInteger, optionalObject, optionalString, type Params } from '../domain/params.ts';
import { invalidRequest, resourceMissing } from '../errors.ts';

interface Listable {
  id: string;
  created: number;
}

export interface ListResponse<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

function createdFilter(params: Params): (created: number) => boolean {
  if (typeof params.created === 'string') {
    const exact = optionalInteger(params, 'created');
    return (created) => created === exact;
  }
  const range = optionalObject(params, 'created') ?? {};
  const gt = optionalInteger(range, 'gt');
  const gte = optionalInteger(range, 'gte');
  const lt = optionalInteger(range, 'lt');
  const lte = optionalInteger(range, 'lte');
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}

/** Stripe list semantics: newest first, cursor pagination by object id. */
export function paginate<T extends Listable>(
  itemsOldestFirst: Iterable<T>,
  params: Params,
  url: string,
  kind: string,
): ListResponse<T> {
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidRequest('Invalid limit: must be between 1 and 100', 'parameter_invalid_integer', 'limit');
  const inRange = createdFilter(params);
  const all = [...itemsOldestFirst].reverse().filter((item) => inRange(item.created));
  const startingAfter = optionalString(params, 'starting_after');
  const endingBefore = optionalString(params, 'ending_before');
  if (endingBefore) {
    const index = all.findIndex((item) => item.id === endingBefore);
    if (index < 0) throw resourceMissing(kind, endingBefore, 'ending_before');
    const data = all.slice(Math.max(0, index - limit), index);
    return { object: 'list', data, has_more: index - limit > 0, url };
  }
  let start = 0;
  if (startingAfter) {
    const index = all.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw resourceMissing(kind, startingAfter, 'starting_after');
    start = index + 1;
  }
  return { object: 'list', data: all.slice(start, start + limit), has_more: start + limit < all.length, url };
}
