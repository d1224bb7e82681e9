import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type JobRunnerOptions, startJobRunner } from '../src/jobs/job-runner.ts';
import { verifyPosSignature } from '../src/jobs/pos-signature.ts';
import type { OrderJob, OrderJobKind } from '../src/platform/db/schema.ts';
import { createLogger } from '../src/platform/logger.ts';
import type { TestContext } from './harness.ts';

/** Short retries, expiry and polling, so queue tests finish in seconds on a small machine. */
export function jobTestEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'api-jobs-')),
    JOB_RETRY_LIMIT: '2',
    JOB_RETRY_DELAY_SECONDS: '1',
    JOB_RETRY_DELAY_MAX_SECONDS: '1',
    JOB_EXPIRE_SECONDS: '5',
    JOB_POLL_INTERVAL_SECONDS: '0.5',
    JOB_SUPERVISE_INTERVAL_SECONDS: '1',
    JOB_DISPATCH_INTERVAL_MS: '100',
    JOB_SHUTDOWN_GRACE_MS: '1000',
    POS_TIMEOUT_MS: '20000',
    RECONCILE_CRON: 'off',
    IDEMPOTENCY_PURGE_CRON: 'off',
    ACCEPTANCE_EXPIRY_CRON: 'off',
    ...overrides,
  };
}

export function startRunner(ctx: TestContext, options: JobRunnerOptions = {}) {
  return startJobRunner(
    { config: ctx.config, database: ctx.database, logger: createLogger(ctx.config), payments: ctx.payments },
    options,
  );
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function jobRow(ctx: TestContext, orderId: string, kind: OrderJobKind, ref = '') {
  return ctx.db
    .selectFrom('order_jobs')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('kind', '=', kind)
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
}

/** Waits until the job has ended (succeeded, skipped or dead) and returns its row. */
export function jobEnded(
  ctx: TestContext,
  orderId: string,
  kind: OrderJobKind,
  ref = '',
  timeoutMs = 20_000,
) {
  return waitFor(
    () => jobRow(ctx, orderId, kind, ref),
    (row) => ['succeeded', 'skipped', 'dead'].includes(row.status),
    timeoutMs,
  );
}

/** The message a mail job wrote as an .eml file (the file transport: no SMTP_URL), parsed. */
export async function writtenMail(job: Pick<OrderJob, 'detail'>): Promise<ParsedMail> {
  const file = /^file: (.+)$/.exec(job.detail ?? '')?.[1];
  if (!file) throw new Error(`the job wrote no .eml file: ${job.detail}`);
  return simpleParser(await readFile(file));
}

export interface SmtpCapture {
  url: string;
  messages: ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps every message it is given, parsed. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface PosDelivery {
  key: string | undefined;
  signatureValid: boolean;
  body: string;
  status: number;
  at: number;
}

export interface PosReceiver {
  url: string;
  deliveries: PosDelivery[];
  /** Orders taken, by idempotency key: what a deduping POS would cook. */
  accepted: Map<string, unknown>;
  /** The next `count` requests answer `status` (or hang, with 0) instead of being taken. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A POS on loopback that verifies each signature and dedupes on the Idempotency-Key header. */
export async function startPosReceiver(secret: string): Promise<PosReceiver> {
  const deliveries: PosDelivery[] = [];
  const accepted = new Map<string, unknown>();
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const key = req.headers['idempotency-key'] as string | undefined;
    const signatureValid = verifyPosSignature(secret, body, req.headers['x-signature'] as string | undefined);
    let status = 200;
    if (!signatureValid || !key) status = 400;
    else if (failures.count > 0) {
      failures.count -= 1;
      status = failures.status;
    }
    deliveries.push({ key, signatureValid, body, status, at: Date.now() });
    if (status === 0) return; // hang: never answer
    if (status === 200 && key && !accepted.has(key)) accepted.set(key, JSON.parse(body));
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`,
    deliveries,
    accepted,
    failNext(count, status) {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
