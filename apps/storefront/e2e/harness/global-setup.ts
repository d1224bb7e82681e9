import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { e2eApiEnv, spawnApi } from '@repo/site-kit/e2e/api';
import { createE2eDatabase, dropE2eDatabase } from '@repo/site-kit/e2e/database';
import { MANUAL_SLUG, prepareManualRestaurant } from '@repo/site-kit/e2e/manual-restaurant';
import { freePort, stopChild, waitForOk } from '@repo/site-kit/e2e/processes';
import { serveStatic } from '@repo/site-kit/serve';
import { handles } from './handles.ts';
import { buildSite } from './site-build.ts';
import { ARTIFACTS, type E2eState, STATE_FILE } from './state.ts';

/**
 * Starts the API (with its in-process Stripe emulator), builds a site for `demo` and one for the
 * manual-acceptance `demo-manual` against it, and serves both.
 */
export default async function globalSetup(): Promise<void> {
  try {
    await start();
  } catch (error) {
    // Jest skips teardown when setup throws: stop what was started here.
    await handles.site?.close();
    await handles.manualSite?.close();
    await stopChild(handles.api);
    if (handles.database) await dropE2eDatabase(handles.database.adminUrl, handles.database.name);
    throw error;
  }
}

async function start(): Promise<void> {
  mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
  const [apiPort, emulatorPort, sitePort, manualSitePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const manualSiteUrl = `http://127.0.0.1:${manualSitePort}`;
  const adminUrl = process.env.DATABASE_URL;
  const database = adminUrl ? await createE2eDatabase(adminUrl) : null;
  handles.database = database && adminUrl ? { name: database.name, adminUrl } : undefined;
  const demoOperatorKey = `rk_e2e_${randomBytes(24).toString('hex')}`;
  // The embedded database (without DATABASE_URL) and the emails' .eml files, in DATA_DIR/mail.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-e2e-'));
  const env = e2eApiEnv({
    PORT: String(apiPort),
    STRIPE_EMULATOR_PORT: String(emulatorPort),
    CORS_ORIGINS: `${siteUrl},${manualSiteUrl}`,
    // The order links in the demo restaurants' emails point at the sites served here.
    DEMO_SITE_URL: siteUrl,
    DEMO_MANUAL_SITE_URL: manualSiteUrl,
    // The journeys order for as soon as possible at any hour; the hours' own tests set theirs.
    DEMO_HOURS: 'all-day',
    // A known key lets the tests close `demo` or mark a dish sold out through the operator API.
    DEMO_OPERATOR_API_KEY: demoOperatorKey,
    DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const manualOperatorKey = await prepareManualRestaurant(env, ARTIFACTS, 'browser tests');
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = spawnApi(env, ARTIFACTS);
  handles.api = api;
  await waitForOk(`${apiUrl}/readyz`, 90_000, api);

  const menu = (await (await fetch(`${apiUrl}/api/clients/demo/menu`)).json()) as {
    stripe: { publishable_key: string };
  };
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const outDir = path.join(ARTIFACTS, 'dist');
  const manualOutDir = path.join(ARTIFACTS, 'dist-manual');
  const build = { apiUrl, emulatorUrl, publishableKey: menu.stripe.publishable_key };
  // One build after the other: Astro builds from one project folder, and the machine has two cores.
  await buildSite({ ...build, slug: 'demo', outDir });
  await buildSite({ ...build, slug: MANUAL_SLUG, outDir: manualOutDir });

  handles.site = await serveStatic(outDir, sitePort);
  handles.manualSite = await serveStatic(manualOutDir, manualSitePort);
  const state: E2eState = {
    apiUrl,
    emulatorUrl,
    siteUrl,
    manualSiteUrl,
    manualOperatorKey,
    demoOperatorKey,
    publishableKey: menu.stripe.publishable_key,
    dataDir,
    database: handles.database ?? null,
    apiPid: api.pid ?? 0,
  };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
