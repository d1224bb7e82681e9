/**
 * Builds the image's static sites into <out>/<app>: the storefront, and the console (under the
 * path /console). The storefront is rendered from one restaurant's menu: MENU_FILE (the JSON
 * that GET /api/clients/<slug>/menu answers, saved beforehand) when given, else the live menu from
 * MENU_API_URL or PUBLIC_API_URL. Run by infra/Dockerfile: node infra/site/build-site.ts /app/site
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'site'));

function fail(message: string): never {
  process.stderr.write(`build-site: ${message}\n`);
  process.exit(1);
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`pnpm ${args.join(' ')}: ${code}`)),
    );
  });
}

/**
 * Serves a saved menu where the storefront's build asks for it, so a build needs no running API:
 * the one route, for the one restaurant, and nothing else.
 */
async function serveMenuFile(file: string, slug: string): Promise<Server> {
  const resolved = path.resolve(root, file);
  if (!existsSync(resolved))
    fail(`MENU_FILE ${file} is not in the build context (paths are from the repo root)`);
  const text = readFileSync(resolved, 'utf8');
  try {
    JSON.parse(text);
  } catch (error) {
    fail(
      `MENU_FILE ${file} is not JSON (${String(error)}); save it with curl -fsS <api>/api/clients/${slug}/menu`,
    );
  }
  const menuPath = `/api/clients/${encodeURIComponent(slug)}/menu`;
  const server = createServer((req, res) => {
    if (req.url !== menuPath) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function main(): Promise<void> {
  // An unset build argument arrives as an empty string; blank counts as unset, as in the API.
  for (const [name, value] of Object.entries(process.env)) if (value === '') delete process.env[name];
  const { PUBLIC_API_URL, PUBLIC_CLIENT_SLUG, MENU_FILE } = process.env;
  if (!PUBLIC_API_URL)
    fail('PUBLIC_API_URL is required: the API as browsers reach it, e.g. https://orders.example.com');
  if (!PUBLIC_CLIENT_SLUG) fail('PUBLIC_CLIENT_SLUG is required: the restaurant this storefront sells for');
  const menuServer = MENU_FILE ? await serveMenuFile(MENU_FILE, PUBLIC_CLIENT_SLUG) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(menuServer ? { MENU_API_URL: `http://127.0.0.1:${(menuServer.address() as AddressInfo).port}` } : {}),
  };
  try {
    for (const app of ['storefront', 'console']) {
      const dir = path.join(root, 'apps', app);
      if (!existsSync(path.join(dir, 'package.json'))) {
        process.stdout.write(`build-site: apps/${app} does not exist; skipped\n`);
        continue;
      }
      const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string };
      await run(['install', '--frozen-lockfile', '--filter', `${name}...`], env);
      // Caddy serves the console under /console/, beside the storefront and the API on one origin.
      await run(['--filter', name, 'build'], app === 'console' ? { ...env, CONSOLE_BASE: '/console' } : env);
      cpSync(path.join(dir, 'dist'), path.join(out, app), { recursive: true });
    }
  } finally {
    menuServer?.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
