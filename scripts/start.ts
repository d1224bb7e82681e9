// `pnpm start`: the API (with the Stripe emulator when no Stripe keys are set), then the storefront built
// against it and served on STOREFRONT_PORT, the staff console on CONSOLE_PORT (STOREFRONT_PORT + 1 by
// default), and a second storefront for the manual-acceptance `demo-manual` restaurant on
// STOREFRONT_PORT + 2. Node built-ins only; Ctrl-C or SIGTERM stops everything.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const storefront = path.join(root, 'apps/storefront');
const consoleApp = path.join(root, 'apps/console');
const env = process.env;
const apiPort = Number(env.PORT ?? 3000);
const sitePort = Number(env.STOREFRONT_PORT ?? 4321);
const consolePort = Number(env.CONSOLE_PORT ?? sitePort + 1);
const manualSitePort = sitePort + 2;
const manualSlug = 'demo-manual';
const emulatorPort = Number(env.STRIPE_EMULATOR_PORT ?? 12111);
const slug = env.PUBLIC_CLIENT_SLUG ?? 'demo';
const apiUrl = env.PUBLIC_API_URL ?? `http://127.0.0.1:${apiPort}`;
const usesEmulator = !env.STRIPE_SECRET_KEY;
const children = new Set<ChildProcess>();
let stopping = false;

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

function run(name: string, args: string[], extraEnv: NodeJS.ProcessEnv, cwd = root): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && name !== 'build') {
      say(`${name} stopped unexpectedly (${signal ?? code}); shutting down`);
      void stop(1);
    }
  });
  return child;
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const waits = [...children].map(
    (child) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(waits);
  process.exit(code);
}

async function waitForReady(url: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error('the API exited before it was ready');
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} was not ready within 120 s`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const corsOrigins =
    env.CORS_ORIGINS ??
    [sitePort, manualSitePort]
      .flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`])
      .join(',');
  const consoleOrigins =
    env.CONSOLE_ORIGINS ?? [`http://127.0.0.1:${consolePort}`, `http://localhost:${consolePort}`].join(',');
  say(`starting the API on port ${apiPort}…`);
  // The demo restaurants' emails link to the storefronts served below.
  const api = run('API', ['apps/api/src/main.ts'], {
    PORT: String(apiPort),
    CORS_ORIGINS: corsOrigins,
    CONSOLE_ORIGINS: consoleOrigins,
    DEMO_SITE_URL: env.DEMO_SITE_URL ?? `http://127.0.0.1:${sitePort}`,
    DEMO_MANUAL_SITE_URL: env.DEMO_MANUAL_SITE_URL ?? `http://127.0.0.1:${manualSitePort}`,
  });
  await waitForReady(`${apiUrl}/readyz`, api);

  const menuResponse = await fetch(`${apiUrl}/api/clients/${encodeURIComponent(slug)}/menu`);
  if (!menuResponse.ok) throw new Error(`GET menu for "${slug}" answered ${menuResponse.status}`);
  const menu = (await menuResponse.json()) as { stripe: { publishable_key: string } };
  const stripeKey = env.PUBLIC_STRIPE_KEY ?? menu.stripe.publishable_key;
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const stripeJsUrl = env.PUBLIC_STRIPE_JS_URL ?? (usesEmulator ? `${emulatorUrl}/v3/stripe.js` : undefined);

  const buildSite = async (siteSlug: string, outDir: string): Promise<void> => {
    say(`building the storefront for "${siteSlug}"…`);
    const build = run(
      'build',
      ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir],
      {
        ASTRO_TELEMETRY_DISABLED: '1',
        PUBLIC_API_URL: apiUrl,
        PUBLIC_CLIENT_SLUG: siteSlug,
        PUBLIC_STRIPE_KEY: stripeKey,
        ...(stripeJsUrl ? { PUBLIC_STRIPE_JS_URL: stripeJsUrl } : {}),
      },
      storefront,
    );
    const built = await new Promise<number | null>((resolve) => build.once('exit', resolve));
    if (!stopping && built !== 0)
      throw new Error(`the storefront build for "${siteSlug}" failed (exit ${built})`);
  };
  const buildConsole = async (): Promise<void> => {
    say('building the console…');
    const build = run(
      'build',
      ['node_modules/astro/bin/astro.mjs', 'build'],
      { ASTRO_TELEMETRY_DISABLED: '1', PUBLIC_API_URL: apiUrl },
      consoleApp,
    );
    const built = await new Promise<number | null>((resolve) => build.once('exit', resolve));
    if (!stopping && built !== 0) throw new Error(`the console build failed (exit ${built})`);
  };
  const serveSite = async (name: string, port: number, dist: string): Promise<string> => {
    run(
      name,
      ['scripts/serve-dist.ts'],
      { STOREFRONT_PORT: String(port), STOREFRONT_DIST: dist },
      storefront,
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForReady(url, api);
    return url;
  };

  // The manual-acceptance demo is seeded outside production only; without it there is no second site.
  const withManual = slug !== manualSlug && (await fetch(`${apiUrl}/api/clients/${manualSlug}/menu`)).ok;
  await buildSite(slug, 'dist');
  if (withManual && !stopping) await buildSite(manualSlug, 'dist-manual');
  if (!stopping) await buildConsole();
  if (stopping) return;
  const siteUrl = await serveSite('storefront', sitePort, 'dist');
  const manualUrl = withManual ? await serveSite('storefront (manual)', manualSitePort, 'dist-manual') : null;
  run('console', ['scripts/serve-dist.ts'], { CONSOLE_PORT: String(consolePort) }, consoleApp);
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  await waitForReady(consoleUrl, api);
  const lines = [
    '',
    `  Storefront      ${siteUrl}/`,
    ...(manualUrl ? [`  Storefront      ${manualUrl}/   (${manualSlug}: staff accept each order)`] : []),
    `  Console         ${consoleUrl}/   (staff sign in: the demo manager printed above)`,
    `  API             ${apiUrl}   (docs ${apiUrl}/docs, health ${apiUrl}/readyz)`,
    usesEmulator
      ? `  Stripe emulator ${emulatorUrl}   TEST DOUBLE, not Stripe: pay with 4242 4242 4242 4242`
      : `  Stripe          real Stripe (${stripeKey.startsWith('pk_live_') ? 'LIVE' : 'test'} mode)`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
