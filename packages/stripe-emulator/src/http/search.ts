import { optionalInteger, optionalString, type Params, requiredString } from '../domain/params.ts';
import { invalidRequest } from '../errors.ts';

/** A searchable object as the query language sees it. */
interface Searchable {
  id: string;
  created: number;
  metadata: Record<string, string>;
}

interface Clause {
  negated: boolean;
  field: string;
  metadataKey: string | undefined;
  operator: ':' | '>' | '<' | '>=' | '<=';
  value: string;
}

const CLAUSE = /^(-?)([a-z_]+)(?:\[['"]([^'"]+)['"]\])?(:|>=|<=|>|<)(?:'([^']*)'|"([^"]*)"|([^\s'"]+))$/;
const NUMERIC = new Set(['amount', 'created']);

function invalidQuery(message: string) {
  return invalidRequest(message, 'parameter_invalid_string', 'query');
}

/** Splits on spaces outside quotes: "a:'x y' AND b:1" has three tokens. */
function tokens(query: string): string[] {
  return query.match(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g) ?? [];
}

/**
 * Stripe's grammar, as far as these fields need it: up to ten clauses joined by AND or OR (either case,
 * never mixed), or by a space, which means AND.
 */
function parse(
  query: string,
  fields: readonly string[],
  resource: string,
): { clauses: Clause[]; any: boolean } {
  const joiners = new Set<string>();
  const parts: string[] = [];
  for (const token of tokens(query)) {
    const upper = token.toUpperCase();
    if (upper === 'AND' || upper === 'OR') joiners.add(upper);
    else parts.push(token);
  }
  if (parts.length === 0) throw invalidQuery(`The search query \`${query}\` could not be parsed.`);
  if (joiners.size > 1) throw invalidQuery('A search query may not mix AND and OR.');
  if (parts.length > 10) throw invalidQuery('A search query may combine at most 10 clauses.');
  const clauses = parts.map((part): Clause => {
    const match = CLAUSE.exec(part);
    if (!match) throw invalidQuery(`The search query \`${query}\` could not be parsed near \`${part}\`.`);
    const [, negated, field = '', metadataKey, operator, single, double, bare] = match;
    if (field === 'metadata' ? !metadataKey : !fields.includes(field))
      throw invalidQuery(`Field \`${field}\` is an unsupported search field for resource \`${resource}\`.`);
    if (operator !== ':' && !NUMERIC.has(field))
      throw invalidQuery(`Field \`${field}\` does not support the \`${operator}\` operator.`);
    const value = single ?? double ?? bare ?? '';
    return { negated: negated === '-', field, metadataKey, operator: operator as Clause['operator'], value };
  });
  return { clauses, any: joiners.has('OR') };
}

function matches(item: Searchable, clause: Clause): boolean {
  const actual = clause.metadataKey
    ? item.metadata[clause.metadataKey]
    : (item as unknown as Record<string, unknown>)[clause.field];
  let hit: boolean;
  if (NUMERIC.has(clause.field)) {
    const [a, b] = [Number(actual), Number(clause.value)];
    hit = { ':': a === b, '>': a > b, '<': a < b, '>=': a >= b, '<=': a <= b }[clause.operator];
  } else {
    hit = String(actual ?? 'null').toLowerCase() === clause.value.toLowerCase();
  }
  return clause.negated ? !hit : hit;
}

export interface SearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  next_page: string | null;
  url: string;
}

/** Stripe's search: newest first, `page` is the opaque `next_page` of the answer before. */
export function search<T extends Searchable>(
  items: Iterable<T>,
  params: Params,
  fields: readonly string[],
  resource: string,
): SearchResult<T> {
  const { clauses, any } = parse(requiredString(params, 'query').trim(), fields, resource);
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidRequest('Invalid limit: must be between 1 and 100', 'parameter_invalid_integer', 'limit');
  const page = optionalString(params, 'page');
  const offset = page ? Number(Buffer.from(page, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalidRequest('Invalid page', undefined, 'page');
  const found = [...items]
    .reverse()
    .filter((item) => (any ? clauses.some((c) => matches(item, c)) : clauses.every((c) => matches(item, c))));
  const data = found.slice(offset, offset + limit);
  const more = offset + limit < found.length;
  return {
    object: 'search_result',
    data,
    has_more: more,
    next_page: more ? Buffer.from(String(offset + limit)).toString('base64url') : null,
    url: `/v1/${resource}/search`,
  };
}
