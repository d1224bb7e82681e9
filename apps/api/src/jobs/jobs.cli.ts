import type { CliCommand } from '../platform/cli-kit.ts';
import { UsageError } from '../platform/cli-kit.ts';
import type { OrderJob, OrderJobStatus } from '../platform/db/schema.ts';
import { listOrderJobs, requeueOrderJobs } from './order-jobs.repository.ts';
import { runReconciler } from './reconciler.ts';

const STATUSES: readonly OrderJobStatus[] = ['pending', 'running', 'succeeded', 'failed', 'dead', 'skipped'];

function describeJob(job: OrderJob): string {
  const note = job.last_error ?? job.detail;
  return [
    job.id,
    job.order_id,
    `${job.kind}${job.ref ? `:${job.ref}` : ''}`,
    job.status,
    `attempts=${job.attempts}`,
    job.updated_at.toISOString(),
    note ? `(${note})` : '',
  ]
    .join('  ')
    .trimEnd();
}

export const jobCommands: CliCommand[] = [
  {
    name: 'jobs:list',
    usage: 'jobs:list [--failed] [--status <status>] [--order <orderId>] [--limit <n>]',
    summary: 'List post-payment jobs (newest first); --failed shows failed and dead ones.',
    options: {
      failed: { type: 'boolean' },
      status: { type: 'string' },
      order: { type: 'string' },
      limit: { type: 'string' },
    },
    async run({ db, print }, { values }) {
      const statuses: OrderJobStatus[] = values.failed ? ['failed', 'dead'] : [];
      if (typeof values.status === 'string') {
        const status = STATUSES.find((candidate) => candidate === values.status);
        if (!status) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
        statuses.push(status);
      }
      const limit = typeof values.limit === 'string' ? Number(values.limit) : 100;
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
      const jobs = await listOrderJobs(db, {
        statuses,
        ...(typeof values.order === 'string' ? { orderId: values.order } : {}),
        limit,
      });
      for (const job of jobs) print(describeJob(job));
      print(`${jobs.length} job(s)`);
    },
  },
  {
    name: 'jobs:retry',
    usage: 'jobs:retry <jobId…> | --order <orderId>',
    summary: 'Re-queue dead or skipped jobs; the next dispatcher tick runs them again.',
    options: { order: { type: 'string' } },
    async run({ db, print }, { values, positionals }) {
      const orderId = typeof values.order === 'string' ? values.order : undefined;
      if (!orderId && positionals.length === 0) throw new UsageError('give job ids or --order');
      const ids = orderId
        ? (await listOrderJobs(db, { orderId, statuses: ['dead', 'skipped'] })).map((job) => job.id)
        : positionals;
      const requeued = await requeueOrderJobs(db, ids);
      for (const job of requeued) print(`re-queued ${describeJob(job)}`);
      const left = ids.filter((id) => !requeued.some((job) => job.id === id));
      for (const id of left)
        print(`not re-queued ${id}: not found, or not dead or skipped (the queue still owns it)`);
      print(`${requeued.length} job(s) re-queued; a running API or worker picks them up`);
    },
  },
  {
    name: 'reconcile:run',
    usage: 'reconcile:run',
    summary:
      'Run one reconciler pass now: re-sync old pending orders, cancel abandoned ones, flag dead jobs.',
    async run({ config, db, logger, payments, print }) {
      const report = await runReconciler({ db, payments: await payments(), logger, config });
      for (const change of report.changed) print(`${change.orderId}: ${change.change}`);
      print(
        `checked ${report.checked}, changed ${report.changed.length}, canceled ${report.canceled}, ` +
          `flagged ${report.flaggedJobs} dead job(s), ${report.errors} error(s)`,
      );
    },
  },
];
