import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { collectDefaultMetrics, Gauge } from 'prom-client';
import type { Logger } from '../platform/logger.ts';
import { registry } from './metrics.ts';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

let processMetrics = false;

/** The pg pool's clients, read at each scrape: waiting clients mean requests queue for a connection. */
function watchPool(pool: pg.Pool): void {
  for (const metric of ['db_pool_waiting_clients', 'db_pool_clients', 'db_pool_idle_clients']) {
    registry.removeSingleMetric(metric);
  }
  const read = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  read(
    'db_pool_waiting_clients',
    'Queries waiting for a free connection of the pool.',
    () => pool.waitingCount,
  );
  read('db_pool_clients', 'Connections the pool holds, busy or idle.', () => pool.totalCount);
  read('db_pool_idle_clients', 'Connections the pool holds idle.', () => pool.idleCount);
}

/**
 * Serves this process's metrics in Prometheus text format at GET /metrics on its own port, which
 * the reverse proxy never exposes: the numbers describe the business and stay private.
 */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  logger: Logger;
  pool?: pg.Pool | undefined;
}): Promise<MetricsServer> {
  if (!processMetrics) {
    collectDefaultMetrics({ register: registry });
    processMetrics = true;
  }
  if (options.pool) watchPool(options.pool);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        options.logger.error({ err: error }, 'metrics collection failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/metrics`;
  options.logger.info({ port }, `metrics on ${url}`);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would otherwise hold the close open.
        server.closeAllConnections();
      }),
  };
}
