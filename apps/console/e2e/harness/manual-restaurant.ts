import path from 'node:path';
import { runNode } from './processes.ts';
import { ARTIFACTS, REPO_ROOT } from './state.ts';

export const MANUAL_SLUG = 'demo-manual';

/**
 * Makes the manual-acceptance demo restaurant and an operator key for it with the API's own CLI,
 * before the API starts: the embedded database (PGlite) belongs to one process. The API's start-up
 * seed then fills in its menu and settings as `pnpm start` does.
 */
export async function prepareManualRestaurant(env: NodeJS.ProcessEnv): Promise<string> {
  const cli = (args: string[]) =>
    runNode(
      path.join(REPO_ROOT, 'apps/api/src/cli.ts'),
      args,
      env,
      REPO_ROOT,
      path.join(ARTIFACTS, 'cli.log'),
    );
  await cli([
    'restaurants:create',
    '--slug',
    MANUAL_SLUG,
    '--name',
    'Trattoria Demo (accepts each order)',
    '--order-acceptance',
    'manual',
  ]);
  const printed = await cli(['keys:create', '--restaurant', MANUAL_SLUG, '--name', 'console browser tests']);
  const key = /OPERATOR_API_KEY=(\S+)/.exec(printed)?.[1];
  if (!key) throw new Error(`keys:create printed no key; see ${path.join(ARTIFACTS, 'cli.log')}`);
  return key;
}
