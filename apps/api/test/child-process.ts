import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './tcp-proxy.ts';

const apiRoot = path.resolve(import.meta.dirname, '..');

/** The API (`main`) or a `worker`, run as its own process, as deployed. */
export interface ApiProcess {
  /** The API's base URL (for a worker, unused). */
  url: string;
  alive(): boolean;
  /** Everything it wrote, for a failure message. */
  output(): string;
  /** Ends it with `signal` (SIGKILL: a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Polls `check` every 25 ms until it holds, or throws naming `what` after `ms`. */
export async function until(check: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Starts `src/main.ts` (waiting until /readyz answers 200) or `src/worker.ts` (until it logs that it
 * runs) with exactly `env`, plus PATH and a free PORT.
 */
export async function startApiProcess(
  entry: 'main' | 'worker',
  env: Record<string, string>,
  port?: number,
): Promise<ApiProcess> {
  const listen = port ?? (await freePort());
  const chunks: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [`src/${entry}.ts`], {
    cwd: apiRoot,
    // The tests order as soon as possible at whatever hour they run: the demo is open all day.
    env: { PATH: process.env.PATH ?? '', PORT: String(listen), DEMO_HOURS: 'all-day', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${listen}`;
  const started =
    entry === 'main'
      ? () =>
          fetch(`${url}/readyz`).then(
            (res) => res.status === 200,
            () => false,
          )
      : async () => chunks.join('').includes('worker running');
  try {
    await until(
      async () => {
        if (!alive()) throw new Error(`${entry} exited:\n${chunks.join('')}`);
        return started();
      },
      `${entry} to start`,
      30_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${chunks.join('')}`);
  }
  return {
    url,
    alive,
    output: () => chunks.join(''),
    async stop(signal = 'SIGTERM') {
      if (alive()) child.kill(signal);
      await exited;
    },
  };
}
