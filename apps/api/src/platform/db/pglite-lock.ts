import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started (clock ticks since boot, from Linux's /proc); undefined elsewhere. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces; starttime is the 22nd.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** `<pid>:<start time>`, or the pid alone where the start time cannot be read. */
function identity(pid: number): string {
  const started = startTimeOf(pid);
  return started ? `${pid}:${started}` : String(pid);
}

/**
 * The process a lock file names, if it still runs. A process that crashed (kill -9, a host restart)
 * leaves its lock behind, and its pid may since belong to another process: the start time, where
 * recorded, tells the two apart, so the embedded database opens again by itself after a crash.
 */
function runningHolder(record: string): number | undefined {
  const [pidText, started] = record.trim().split(':');
  const pid = Number.parseInt(pidText ?? '', 10);
  if (!Number.isInteger(pid) || pid === process.pid || !alive(pid)) return undefined;
  const now = startTimeOf(pid);
  return started === undefined || now === undefined || now === started ? pid : undefined;
}

/**
 * PGlite is single-process: a second process opening the same directory would corrupt it.
 * Takes a lock file naming this process, or fails naming the process that holds it.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'in-use.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, identity(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = runningHolder(readFileSync(file, 'utf8'));
      if (holder !== undefined) {
        throw new Error(
          `the embedded database in ${dir} is in use by process ${holder} (is \`pnpm start\` running?). ` +
            'Stop it, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
