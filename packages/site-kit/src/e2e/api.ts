import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnNode } from './processes.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

/** Stripe's variables a developer's shell may hold; without them the API runs its Stripe emulator in-process. */
const STRIPE_VARIABLES = [
  'STRIPE_SECRET_KEY',
  'STRIPE_PUBLISHABLE_KEY',
  'STRIPE_WEBHOOK_SECRETS',
  'STRIPE_API_BASE',
];

/**
 * The environment of the API a browser suite starts (and of the API's CLI run before it): this
 * process's, in test mode on 127.0.0.1, with `variables` (its port, the sites' origins, the demo's
 * key…) and never real Stripe, so a journey pays the emulator and nothing leaves the machine.
 */
export function e2eApiEnv(variables: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...variables,
  };
  for (const name of STRIPE_VARIABLES) delete env[name];
  return env;
}

/** Starts the API (`apps/api/src/main.ts`) with `env`, its output in `artifacts/api.log`. */
export function spawnApi(env: NodeJS.ProcessEnv, artifacts: string): ChildProcess {
  return spawnNode(
    path.join(REPO_ROOT, 'apps/api/src/main.ts'),
    [],
    env,
    REPO_ROOT,
    path.join(artifacts, 'api.log'),
  );
}
