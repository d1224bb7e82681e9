import type { PaymentGateway } from '../payments/payment-gateway.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { OrderJob } from '../platform/db/schema.ts';
import type { Logger } from '../platform/logger.ts';
import type { Mailer } from './mailer.ts';

/** How a finished attempt ended. A handler throws to fail the attempt (the queue retries it). */
export interface JobOutcome {
  status: 'succeeded' | 'skipped';
  detail: string;
}

export interface JobDeps {
  db: Db;
  config: Config;
  logger: Logger;
  mailer: Mailer;
  /** For the paying card an email shows, when the order does not have it yet. */
  payments?: PaymentGateway | undefined;
}

/** One kind of post-payment work. `signal` aborts when the attempt expires or the runner stops. */
export type OrderJobHandler = (deps: JobDeps, job: OrderJob, signal: AbortSignal) => Promise<JobOutcome>;

/** What the queue carries for an order_jobs row; the row itself is the source of truth. */
export interface OrderJobData {
  orderJobId: string;
}
