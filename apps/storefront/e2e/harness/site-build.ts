import path from 'node:path';
import { exited, spawnNode } from '@repo/site-kit/e2e/processes';
import { ARTIFACTS, STOREFRONT_DIR } from './state.ts';

export interface SiteBuild {
  apiUrl: string;
  emulatorUrl: string;
  publishableKey: string;
  slug: string;
  outDir: string;
}

/** Builds the storefront for one restaurant against the running API, as `pnpm start` does. */
export async function buildSite(build: SiteBuild): Promise<void> {
  const log = path.join(ARTIFACTS, `build-${build.slug}.log`);
  const child = spawnNode(
    path.join(STOREFRONT_DIR, 'node_modules/astro/bin/astro.mjs'),
    ['build', '--outDir', build.outDir],
    {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      PUBLIC_API_URL: build.apiUrl,
      PUBLIC_CLIENT_SLUG: build.slug,
      PUBLIC_STRIPE_KEY: build.publishableKey,
      PUBLIC_STRIPE_JS_URL: `${build.emulatorUrl}/v3/stripe.js`,
    },
    STOREFRONT_DIR,
    log,
  );
  const code = await exited(child);
  if (code !== 0) throw new Error(`astro build for ${build.slug} failed (${code}); see ${log}`);
}
