import type { parseArgs } from 'node:util';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Logger } from './logger.ts';

export interface CliContext {
  config: Config;
  db: Db;
  logger: Logger;
  /** Opened on first use: most commands never talk to Stripe. */
  payments(): Promise<PaymentGateway>;
  print(line: string): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options?: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  run(
    ctx: CliContext,
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
  ): Promise<void>;
}

/** A CLI usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
