import { randomUUID } from 'node:crypto';
import { readState } from './state.ts';

/** A call of `demo`'s operator API, as the restaurant's own screen or the CLI makes it (a POST with a fresh Idempotency-Key). */
export async function operator(method: string, route: string, body?: unknown): Promise<unknown> {
  const { apiUrl, demoOperatorKey } = readState();
  const response = await fetch(`${apiUrl}/api/clients/demo/${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${demoOperatorKey}`,
      'Content-Type': 'application/json',
      ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The id of one of `demo`'s dishes, by name, from its public menu. */
export async function dishId(name: string): Promise<string> {
  const response = await fetch(`${readState().apiUrl}/api/clients/demo/menu`);
  const menu = (await response.json()) as { categories: { items: { id: string; name: string }[] }[] };
  const item = menu.categories.flatMap((category) => category.items).find((i) => i.name === name);
  if (!item) throw new Error(`no dish ${name}`);
  return item.id;
}
