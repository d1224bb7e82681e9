import type { Menu } from '@repo/contracts';
import { startServer } from './lib/processes.ts';
import { measureInTurns, printTable, timedRun, verdict } from './lib/report.ts';
import { benchEnvironment } from './lib/setup.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
/** Turns ours and the baseline take, in alternation, within DURATION each. */
const TURNS = 5;

function orderBody(menu: Menu): string {
  const items = menu.categories.flatMap((c) => c.items);
  const knots = items.find((i) => i.name === 'Garlic Knots')!;
  const pizza = items.find((i) => i.name === 'Margherita')!;
  const size = pizza.modifier_groups[0]!;
  return JSON.stringify({
    customer: { name: 'Bench Diner', email: 'bench@example.com', phone: '+1 212 555 0100' },
    order_type: 'pickup',
    items: [
      {
        menu_item_id: pizza.id,
        quantity: 1,
        modifiers: [{ group_id: size.id, selections: [size.modifiers[1]!.id] }],
      },
      { menu_item_id: knots.id, quantity: 2, modifiers: [] },
    ],
    tip: 200,
  });
}

let counter = 0;

function load(url: string, body: string, seconds: number) {
  return timedRun({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body,
    requests: [
      {
        setupRequest: (request) => {
          counter += 1;
          return {
            ...request,
            headers: {
              ...request.headers,
              'idempotency-key': `bench-${process.pid}-${Date.now()}-${counter}`,
            },
          };
        },
      },
    ],
  });
}

export async function benchOrders(): Promise<void> {
  const env = await benchEnvironment();
  const api = await startServer('api.ts', env.serverEnv);
  const baseline = await startServer('baseline-orders.ts', env.serverEnv);
  try {
    const menu = (await (await fetch(`${api.info.url}/api/clients/demo/menu`)).json()) as Menu;
    const body = orderBody(menu);
    await load(`${api.info.url}/api/clients/demo/orders`, body, 2);
    await load(`${baseline.info.url}/orders`, body, 2);
    const emulator = env.emulator.pid;
    const [ours, floor] = await measureInTurns(
      [
        {
          label: 'POST /api/clients/demo/orders (ours)',
          pids: { server: api.pid, emulator },
          run: (seconds) => load(`${api.info.url}/api/clients/demo/orders`, body, seconds),
        },
        {
          label: 'baseline: express.json + INSERT + PaymentIntent',
          pids: { server: baseline.pid, emulator },
          run: (seconds) => load(`${baseline.info.url}/orders`, body, seconds),
        },
      ],
      DURATION,
      TURNS,
    );
    printTable(
      `Order creation: real PostgreSQL + Stripe emulator, ${CONNECTIONS} connections, ${DURATION}s each in ${TURNS} alternating turns`,
      [ours!, floor!],
    );
    process.stdout.write(`${verdict('orders ratio vs baseline', ours!.rps / floor!.rps, 0.5)}\n`);
  } finally {
    await api.stop();
    await baseline.stop();
    await env.stop();
  }
}
