import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface Started {
  info: Record<string, string | number>;
  pid: number;
  stop(): Promise<void>;
}

/** Runs a bench server in its own process (own CPU time) and waits for the JSON line it prints when ready. */
export function startServer(script: string, env: Record<string, string>): Promise<Started> {
  // BENCH_PROFILE_DIR=… writes a CPU profile of the API server for a look at where time goes.
  const profile = script === 'api.ts' && process.env.BENCH_PROFILE_DIR;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, path.join(import.meta.dirname, '..', 'servers', script)],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      resolve({
        info: JSON.parse(line) as Record<string, string | number>,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
