import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDataDir } from './pglite-lock.ts';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'api-lock-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const lockFile = (dir: string) => path.join(dir, 'in-use.pid');

/** A process of its own running `script` (ESM, in apps/api), resolved once it prints `ready`. */
async function holder(script: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return {
    pid: child.pid ?? 0,
    kill: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** A process that takes the lock on `dir` and keeps running, as `pnpm start` would. */
const lockingScript = (dir: string) =>
  `const { lockDataDir } = await import('./src/platform/db/pglite-lock.ts');
  lockDataDir(${JSON.stringify(dir)});
  console.log('ready');
  setInterval(() => {}, 1000);`;

describe('the embedded database directory lock', () => {
  it('when another live process holds it, then opening is refused naming that process', async () => {
    const dir = freshDir();
    const other = await holder(lockingScript(dir));
    try {
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${other.pid}`));
    } finally {
      await other.kill();
    }
  });

  it('when the process that held it was killed, then the next process takes it', async () => {
    const dir = freshDir();
    const crashed = await holder(lockingScript(dir));
    await crashed.kill();
    lockDataDir(dir)();
  });

  it('when its process id now belongs to another running process, then the lock is taken over', () => {
    const dir = freshDir();
    // The parent of this test runs, but it did not start when this lock's holder did: the pid was reused.
    writeFileSync(lockFile(dir), `${process.ppid}:1`);
    const unlock = lockDataDir(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toMatch(new RegExp(`^${process.pid}(:\\d+)?$`));
    unlock();
  });
});
