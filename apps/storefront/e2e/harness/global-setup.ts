import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveStatic } from '../../scripts/serve.ts';
import { createE2eDatabase, dropE2eDatabase } from './database.ts';
import { handles } from './handles.ts';
import { exited, freePort, spawnNode, stopChild, waitForOk } from './processes.ts';
import { ARTIFACTS, type E2eState, REPO_ROOT, STATE_FILE, STOREFRONT_DIR } from './state.ts';

/** Starts the API (with its in-process Stripe emulator), builds the site against it, and serves dist. */
export default async function globalSetup(): Promise<void> {
  try {
    await start();
  } catch (error) {
    // Jest skips teardown when setup throws: stop what was started here.
    await handles.site?.close();
    await stopChild(handles.api);
    if (handles.database) await dropE2eDatabase(handles.database.adminUrl, handles.database.name);
    throw error;
  }
}

async function start(): Promise<void> {
  mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
  const [apiPort, emulatorPort, sitePort] = [await freePort(), await freePort(), await freePort()];
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const adminUrl = process.env.DATABASE_URL;
  const database = adminUrl ? await createE2eDatabase(adminUrl) : null;
  handles.database = database && adminUrl ? { name: database.name, adminUrl } : undefined;
  const dataDir = database ? null : mkdtempSync(path.join(tmpdir(), 'storefront-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    STRIPE_EMULATOR_PORT: String(emulatorPort),
    CORS_ORIGINS: siteUrl,
    // The journeys order for as soon as possible at any hour; the hours' own tests set theirs.
    DEMO_HOURS: 'all-day',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  for (const name of [
    'STRIPE_SECRET_KEY',
    'STRIPE_PUBLISHABLE_KEY',
    'STRIPE_WEBHOOK_SECRETS',
    'STRIPE_API_BASE',
  ])
    delete env[name];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = spawnNode(
    path.join(REPO_ROOT, 'apps/api/src/main.ts'),
    [],
    env,
    REPO_ROOT,
    path.join(ARTIFACTS, 'api.log'),
  );
  handles.api = api;
  await waitForOk(`${apiUrl}/readyz`, 90_000, api);

  const menu = (await (await fetch(`${apiUrl}/api/clients/demo/menu`)).json()) as {
    stripe: { publishable_key: string };
  };
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const outDir = path.join(ARTIFACTS, 'dist');
  const build = spawnNode(
    path.join(STOREFRONT_DIR, 'node_modules/astro/bin/astro.mjs'),
    ['build', '--outDir', outDir],
    {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      PUBLIC_API_URL: apiUrl,
      PUBLIC_CLIENT_SLUG: 'demo',
      PUBLIC_STRIPE_KEY: menu.stripe.publishable_key,
      PUBLIC_STRIPE_JS_URL: `${emulatorUrl}/v3/stripe.js`,
    },
    STOREFRONT_DIR,
    path.join(ARTIFACTS, 'build.log'),
  );
  const code = await exited(build);
  if (code !== 0) throw new Error(`astro build failed (${code}); see ${path.join(ARTIFACTS, 'build.log')}`);

  handles.site = await serveStatic(outDir, sitePort);
  const state: E2eState = {
    apiUrl,
    emulatorUrl,
    siteUrl,
    publishableKey: menu.stripe.publishable_key,
    dataDir,
    database: handles.database ?? null,
    apiPid: api.pid ?? 0,
  };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
