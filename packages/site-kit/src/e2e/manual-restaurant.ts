import path from 'node:path';
import { runNode } from './processes.ts';

export const MANUAL_SLUG = 'demo-manual';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

/**
 * Makes the manual-acceptance demo restaurant and an operator key for it (named `keyName`) with the
 * API's own CLI, before the API starts. The embedded database (PGlite) belongs to one process, so
 * neither the key nor a switch of `demo` to manual acceptance could be made while the API runs; the
 * API's start-up seed then fills in the restaurant's menu and settings as `pnpm start` does. What the
 * CLI prints goes to `artifacts/cli.log`.
 */
export async function prepareManualRestaurant(
  env: NodeJS.ProcessEnv,
  artifacts: string,
  keyName: string,
): Promise<string> {
  const log = path.join(artifacts, 'cli.log');
  const cli = (args: string[]) =>
    runNode(path.join(REPO_ROOT, 'apps/api/src/cli.ts'), args, env, REPO_ROOT, log);
  await cli([
    'restaurants:create',
    '--slug',
    MANUAL_SLUG,
    '--name',
    'Trattoria Demo (accepts each order)',
    '--order-acceptance',
    'manual',
  ]);
  const printed = await cli(['keys:create', '--restaurant', MANUAL_SLUG, '--name', keyName]);
  const key = /OPERATOR_API_KEY=(\S+)/.exec(printed)?.[1];
  if (!key) throw new Error(`keys:create printed no key; see ${log}`);
  return key;
}
