import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './tcp-proxy.ts';

const run = promisify(execFile);

/** A PostgreSQL server of the test's own, in a temporary directory, to stop and start at will. */
export interface PostgresServer {
  url: string;
  /** Stops the server: `fast` ends sessions with 57P01, `immediate` kills them without a word. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again; resolves once it accepts connections. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where PostgreSQL's server programs are (`PG_BIN`, else the newest /usr/lib/postgresql/<n>/bin),
 * and who may run them: initdb refuses root, so as root they run as the `postgres` user. Undefined,
 * with the reason, where that is not possible.
 */
export function postgresTools(): { bin: string; asUser?: string } | { missing: string } {
  const fromEnv = process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const bin = fromEnv ?? versions.map((version) => path.join(root, version, 'bin')).find(existsSync);
  if (!bin || !existsSync(path.join(bin, 'pg_ctl')))
    return { missing: 'no PostgreSQL server binaries (pg_ctl)' };
  if (process.getuid?.() !== 0) return { bin };
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) {
    return { missing: 'running as root without runuser, and initdb refuses root' };
  }
  return { bin, asUser: 'postgres' };
}

/** initdb into a temporary directory and start on a free port, owned by `asUser` when given. */
export async function startPostgresServer(tools: { bin: string; asUser?: string }): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'api-pg-'));
  const data = path.join(dir, 'data');
  if (tools.asUser) {
    const { stdout } = await run('id', ['-u', tools.asUser]);
    const { stdout: group } = await run('id', ['-g', tools.asUser]);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const pg = (program: string, args: string[]) => {
    const command = path.join(tools.bin, program);
    return tools.asUser ? run('runuser', ['-u', tools.asUser, '--', command, ...args]) : run(command, args);
  };
  const port = await freePort();
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-N', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await pg('pg_ctl', [
      'start',
      '-D',
      data,
      '-w',
      '-t',
      '30',
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      options,
    ]);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async (mode) => {
      await pg('pg_ctl', ['stop', '-D', data, '-m', mode, '-w', '-t', '30']);
    },
    start,
    close: async () => {
      await pg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
