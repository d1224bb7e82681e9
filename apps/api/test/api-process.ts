import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensurePostgresTemplate } from './postgres-template.ts';

const API_DIR = path.resolve(import.meta.dirname, '..');
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding'];

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** The exit code, once the process has exited. */
  exited: Promise<number | null>;
  output(): string;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A database the spawned API processes share, as replicas share one in production: a throwaway
 * copy of the migrated template when DATABASE_URL is set, otherwise a PGlite data directory (used
 * by one process at a time).
 */
export async function sharedDatabase(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'api-process-'));
    return { env: { DATA_DIR: dir }, close: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const template = process.env.TEST_POSTGRES_TEMPLATE ?? (await ensurePostgresTemplate(databaseUrl));
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database ${name} template ${template}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    close: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** Runs `node src/main.ts` as production would, and resolves once /readyz answers 200. */
export async function startApiProcess(port: number, env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      // The tests order as soon as possible at whatever hour they run.
      DEMO_HOURS: 'all-day',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`the API exited while starting:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return { url, child, exited, output: () => output };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A stand-in for the network between the API and Stripe: requests pass through to `target`, except
 * the first that `holds` picks, which waits until `release()` so a request stays in flight at will.
 */
export async function holdingProxy(target: string, holds: (req: IncomingMessage) => boolean) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  let holding = true;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (holding && holds(req)) {
      holding = false;
      arrived();
      await released;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => name !== 'host' && !HOP_BY_HOP.includes(name)),
    ) as Record<string, string>;
    const method = req.method ?? 'GET';
    const body = ['GET', 'HEAD'].includes(method) ? undefined : Buffer.concat(chunks);
    const answer = await fetch(`${target}${req.url}`, { method, headers, body });
    const passed = [...answer.headers].filter(([name]) => !HOP_BY_HOP.includes(name));
    res.writeHead(answer.status, Object.fromEntries(passed));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
