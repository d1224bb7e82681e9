import { readFileSync } from 'node:fs';
import { startCpuMeter } from './lib/cpu.ts';
import { delays, follow, serve } from './lib/following.ts';
import { authorizedIntents, inParallel, paidOrders, stripeFor } from './lib/orders.ts';
import { startServer } from './lib/processes.ts';
import { benchEnvironment } from './lib/setup.ts';

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** How long followers keep watching after the last staff move, so they can see it. */
const SETTLE_MS = 3000;
const MOVES_PER_SECOND = 20;
const ACCEPTS = 400;
const SLUG = 'demo-manual';

const percentile = (values: number[], fraction: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
};
const rssMegabytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const stripeReads = async (url: string) =>
  ((await (await fetch(url)).json()) as { retrieves: number }).retrieves;

/** Times `count` calls of `call` made 10 at a time: requests per second and p99 latency. */
async function timed(count: number, call: (index: number) => Promise<Response>) {
  const latencies: number[] = [];
  const started = performance.now();
  await inParallel(
    Array.from({ length: count }, (_, index) => index),
    10,
    async (index) => {
      const at = performance.now();
      const res = await call(index);
      await res.arrayBuffer();
      if (res.ok) latencies.push(performance.now() - at);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return { rps: latencies.length / seconds, p99: percentile(latencies, 0.99), ok: latencies.length };
}

/**
 * Issue 18's scenario: FOLLOWERS diners on their confirmation pages at once, each following their
 * own order of a manual-acceptance restaurant, while staff take 20 orders a second through accept,
 * preparing and ready. Then accept on its own against a floor that only captures.
 */
export async function benchFollowers(): Promise<void> {
  const env = await benchEnvironment();
  const api = await startServer('api.ts', env.serverEnv);
  const floor = await startServer('baseline-capture.ts', env.serverEnv);
  const apiUrl = String(api.info.url);
  const stripe = stripeFor(String(env.emulator.info.url), String(env.emulator.info.secretKey));
  try {
    process.stdout.write(
      `\nFollowing orders: ${FOLLOWERS} diners, staff moving ${MOVES_PER_SECOND} orders/s\n`,
    );
    const orders = await paidOrders(apiUrl, SLUG, stripe, FOLLOWERS + ACCEPTS);
    const followed = orders.slice(0, FOLLOWERS);
    // Each page's first look settles its payment (a Stripe read while the outcome is unknown).
    await inParallel(orders, 20, async (order) => {
      await (
        await fetch(`${apiUrl}/api/clients/${SLUG}/orders/${order.id}`, {
          headers: { 'x-order-token': order.token },
        })
      ).arrayBuffer();
    });
    const readsBefore = await stripeReads(String(api.info.stripeCalls));
    const rssBefore = rssMegabytes(api.pid);
    const meter = startCpuMeter({ server: api.pid, emulator: env.emulator.pid });
    const stopFollowing = new AbortController();
    const stopServing = new AbortController();
    const following = follow(apiUrl, SLUG, followed, stopFollowing.signal);
    const started = Date.now();
    const serving = serve(apiUrl, SLUG, env.operatorKey, followed, MOVES_PER_SECOND, stopServing.signal);
    setTimeout(() => stopServing.abort(), SECONDS * 1000);
    const moves = await serving;
    // Pages keep following a little longer, so the last moves can be seen.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    stopFollowing.abort();
    const { sightings, connections, errors } = await following;
    const elapsed = (Date.now() - started) / 1000;
    const cpu = meter.perRequest(1);
    const lags = delays(moves, sightings);
    const per1000 = FOLLOWERS / 1000;
    const lines = [
      `follower streams ${FOLLOWERS} (connections opened ${connections}, errors ${errors}); staff moves ${moves.length}`,
      `API CPU per 1,000 followers: ${cpu ? ((cpu.server / 1e6 / elapsed / per1000) * 100).toFixed(1) : '-'}% of a core; RSS ${((rssMegabytes(api.pid) - rssBefore) / per1000).toFixed(1)} MB more per 1,000 (now ${rssMegabytes(api.pid).toFixed(0)} MB)`,
      `move → diner sees it: p50 ${percentile(lags, 0.5).toFixed(0)} ms, p99 ${percentile(lags, 0.99).toFixed(0)} ms over ${lags.length} moves (target p99 <= 2000 ms)`,
      `Stripe calls made for followers once payment was known: ${(await stripeReads(String(api.info.stripeCalls))) - readsBefore} (target 0)`,
    ];
    for (const line of lines) process.stdout.write(`  ${line}\n`);

    const toAccept = orders.slice(FOLLOWERS);
    const ours = await timed(toAccept.length, (index) =>
      fetch(`${apiUrl}/api/clients/${SLUG}/orders/${toAccept[index]!.id}/accept`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${env.operatorKey}`,
          'content-type': 'application/json',
          'idempotency-key': `accept-${index}`,
        },
        body: '{}',
      }),
    );
    const intents = await authorizedIntents(stripe, ACCEPTS);
    const base = await timed(intents.length, (index) =>
      fetch(`${floor.info.url}/capture/${intents[index]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    process.stdout.write(
      `  POST …/accept (ours): ${ours.rps.toFixed(0)} req/s, p99 ${ours.p99.toFixed(0)} ms (${ours.ok}/${ACCEPTS} accepted)\n`,
    );
    process.stdout.write(
      `  floor (bare Express + capture): ${base.rps.toFixed(0)} req/s, p99 ${base.p99.toFixed(0)} ms; ratio ${(ours.rps / base.rps).toFixed(2)}\n`,
    );
  } finally {
    await api.stop();
    await floor.stop();
    await env.stop();
  }
}
