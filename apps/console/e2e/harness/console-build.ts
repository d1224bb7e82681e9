import path from 'node:path';
import { exited, spawnNode } from '@repo/site-kit/e2e/processes';
import { ARTIFACTS, CONSOLE_DIR } from './state.ts';

/** Builds the console against the running API, as `pnpm start` does. */
export async function buildConsole(apiUrl: string, outDir: string): Promise<void> {
  const log = path.join(ARTIFACTS, 'build.log');
  const child = spawnNode(
    path.join(CONSOLE_DIR, 'node_modules/astro/bin/astro.mjs'),
    ['build', '--outDir', outDir],
    { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PUBLIC_API_URL: apiUrl },
    CONSOLE_DIR,
    log,
  );
  const code = await exited(child);
  if (code !== 0) throw new Error(`astro build of the console failed (${code}); see ${log}`);
}
