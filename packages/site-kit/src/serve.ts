import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileFor(root: string, pathname: string): Promise<string | null> {
  const clean = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const base = path.join(root, clean);
  if (!base.startsWith(root)) return null;
  for (const candidate of [base, `${base}.html`, path.join(base, 'index.html')]) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return candidate;
  }
  return null;
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface StaticOptions {
  /** Where to listen; 127.0.0.1 unless the site is served to other machines. */
  host?: string;
  /**
   * The page a missing path gets with its 404, when the site built one (the storefront's
   * src/pages/404.astro), as a host such as Caddy or Netlify serves it; a plain "Not found" otherwise.
   */
  notFoundPage?: string;
}

/**
 * A tiny static server for a built site: `/checkout` serves `checkout.html`, query strings kept,
 * the hashed `_astro/` assets cached for good. Only GET and HEAD are answered (405 otherwise).
 */
export async function serveStatic(
  root: string,
  port: number,
  { host = '127.0.0.1', notFoundPage = '/404.html' }: StaticOptions = {},
): Promise<StaticServer> {
  const dir = path.resolve(root);
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const file = await fileFor(dir, pathname === '/' ? '/index.html' : pathname);
    if (file && req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
      res.end('Method not allowed');
      return;
    }
    if (!file) {
      const notFound = await fileFor(dir, notFoundPage);
      res.writeHead(404, {
        'content-type': notFound ? TYPES['.html'] : 'text/plain; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      if (notFound && req.method === 'GET') createReadStream(notFound).pipe(res);
      else res.end(notFound ? undefined : 'Not found');
      return;
    }
    const ext = path.extname(file);
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': file.includes(`${path.sep}_astro${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BuiltSite {
  /** How the site is named in what is printed: "Storefront". */
  name: string;
  /** The prefix of its variables: STOREFRONT reads STOREFRONT_PORT, STOREFRONT_HOST, STOREFRONT_DIST. */
  envPrefix: string;
  defaultPort: number;
  /** The app's `dist/`, when `<PREFIX>_DIST` does not name another. */
  defaultDist: string;
}

/**
 * Serves an app's built `dist/` as `pnpm start` runs it (each app's scripts/serve-dist.ts), from
 * `<PREFIX>_PORT`, `<PREFIX>_HOST` and `<PREFIX>_DIST`, until SIGINT or SIGTERM.
 */
export async function serveBuiltSite(site: BuiltSite): Promise<StaticServer> {
  const port = Number(process.env[`${site.envPrefix}_PORT`] ?? site.defaultPort);
  const host = process.env[`${site.envPrefix}_HOST`] ?? '127.0.0.1';
  const dist = path.resolve(process.env[`${site.envPrefix}_DIST`] ?? site.defaultDist);
  const served = await serveStatic(dist, port, { host });
  process.stdout.write(`${site.name} (static ${dist}) on ${served.url}\n`);
  const stop = () => void served.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return served;
}
