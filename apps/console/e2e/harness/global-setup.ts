import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { e2eApiEnv, spawnApi } from '@repo/site-kit/e2e/api';
import { createE2eDatabase, dropE2eDatabase } from '@repo/site-kit/e2e/database';
import { MANUAL_SLUG, prepareManualRestaurant } from '@repo/site-kit/e2e/manual-restaurant';
import { freePort, stopChild, waitForOk } from '@repo/site-kit/e2e/processes';
import { serveStatic } from '@repo/site-kit/serve';
import { buildConsole } from './console-build.ts';
import { handles } from './handles.ts';
import { choosePassword, createMember } from './staff-accounts.ts';
import { ARTIFACTS, type E2eState, STATE_FILE } from './state.ts';

/**
 * Starts the API (with its in-process Stripe emulator) on a fresh database, makes the staff
 * accounts the journeys sign in with, builds the console against the API and serves it.
 */
export default async function globalSetup(): Promise<void> {
  try {
    await start();
  } catch (error) {
    // Jest skips teardown when setup throws: stop what was started here.
    await handles.console?.close();
    await stopChild(handles.api);
    if (handles.database) await dropE2eDatabase(handles.database.adminUrl, handles.database.name);
    throw error;
  }
}

async function start(): Promise<void> {
  mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
  const [apiPort, emulatorPort, consolePort] = [await freePort(), await freePort(), await freePort()];
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const adminUrl = process.env.DATABASE_URL;
  const database = adminUrl ? await createE2eDatabase(adminUrl) : null;
  handles.database = database && adminUrl ? { name: database.name, adminUrl } : undefined;
  const demoKey = `rk_e2e_${randomBytes(24).toString('hex')}`;
  const dataDir = database ? null : mkdtempSync(path.join(tmpdir(), 'console-e2e-'));
  const env = e2eApiEnv({
    PORT: String(apiPort),
    STRIPE_EMULATOR_PORT: String(emulatorPort),
    CONSOLE_ORIGINS: consoleUrl,
    // Orders are placed for as soon as possible at any hour.
    DEMO_HOURS: 'all-day',
    DEMO_OPERATOR_API_KEY: demoKey,
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const manualKey = await prepareManualRestaurant(env, ARTIFACTS, 'console browser tests');
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = spawnApi(env, ARTIFACTS);
  handles.api = api;
  const outDir = path.join(ARTIFACTS, 'dist');
  await buildConsole(apiUrl, outDir);
  await waitForOk(`${apiUrl}/readyz`, 90_000, api);

  const member = (slug: string, key: string, email: string, name: string, role: 'manager' | 'staff') =>
    createMember(apiUrl, slug, key, { email, name, role });
  const own = (account: { email: string; password: string }) =>
    choosePassword(apiUrl, account, `correct horse ${randomBytes(6).toString('hex')}`);
  const accounts: E2eState['accounts'] = {
    demoManager: await own(await member('demo', demoKey, 'grace@demo.example', 'Grace Hopper', 'manager')),
    demoStaff: await own(await member('demo', demoKey, 'alan@demo.example', 'Alan Turing', 'staff')),
    manualManager: await own(
      await member(MANUAL_SLUG, manualKey, 'ada@manual.example', 'Ada Lovelace', 'manager'),
    ),
    newcomer: await member('demo', demoKey, 'new@demo.example', 'Nina Newcomer', 'staff'),
  };

  const menu = (await (await fetch(`${apiUrl}/api/clients/demo/menu`)).json()) as {
    stripe: { publishable_key: string };
  };
  handles.console = await serveStatic(outDir, consolePort);
  const state: E2eState = {
    apiUrl,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    consoleUrl,
    publishableKey: menu.stripe.publishable_key,
    keys: { demo: demoKey, [MANUAL_SLUG]: manualKey } as E2eState['keys'],
    accounts,
    dataDir,
    database: database && adminUrl ? { name: database.name, adminUrl, url: database.url } : null,
    apiPid: api.pid ?? 0,
  };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
