import { parseArgs } from 'node:util';
import { jobCommands } from './jobs/jobs.cli.ts';
import { operatorCommands } from './operators/operators.cli.ts';
import { stripeGatewayFromConfig } from './payments/stripe-gateway.ts';
import { type CliCommand, type CliContext, UsageError } from './platform/cli-kit.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { databaseOptions, openDatabase } from './platform/db/database.ts';
import { dbCommands } from './platform/db/db.cli.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createLogger } from './platform/logger.ts';
import { staffCommands } from './staff/staff.cli.ts';
import { webhookCommands } from './webhooks/webhooks.cli.ts';

/** Every command, by feature. `pnpm --filter @repo/api cli <command> --help`. */
const commands: CliCommand[] = [
  ...dbCommands,
  ...webhookCommands,
  ...operatorCommands,
  ...staffCommands,
  ...jobCommands,
];

function help(): string {
  return [
    'usage: pnpm --filter @repo/api cli <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`${name ? `unknown command "${name}"\n\n` : ''}${help()}\n`);
    return name && name !== '--help' ? 2 : 0;
  }
  const config = loadConfig();
  const logger = createLogger({ ...config, LOG_LEVEL: config.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(databaseOptions(config));
  try {
    await migrateToLatest(database.db);
    const ctx: CliContext = {
      config,
      db: database.db,
      logger,
      print: (line) => process.stdout.write(`${line}\n`),
      async payments() {
        const gateway = stripeGatewayFromConfig(config, logger);
        if (!gateway)
          throw new UsageError('this command needs STRIPE_SECRET_KEY (and STRIPE_API_BASE for the emulator)');
        return gateway;
      },
    };
    const args = parseArgs({
      args: rest,
      options: command.options ?? {},
      allowPositionals: true,
      strict: true,
    });
    await command.run(ctx, {
      values: args.values as Record<string, string | boolean | undefined>,
      positionals: args.positionals,
    });
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      for (const line of error.problems) process.stderr.write(`config error: ${line}\n`);
      process.exit(78);
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
