import type { CliCommand, CliContext } from '../src/platform/cli-kit.ts';
import { createLogger } from '../src/platform/logger.ts';
import type { TestContext } from './harness.ts';

/** Runs one of `commands` by name against the test context, as `pnpm cli` would, printing to `print`. */
export function runCli(
  ctx: TestContext,
  commands: CliCommand[],
  print: (line: string) => void,
  name: string,
  values: Record<string, string | boolean | undefined>,
  positionals: string[] = [],
): Promise<void> {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  const context: CliContext = {
    config: ctx.config,
    db: ctx.db,
    logger: createLogger(ctx.config),
    print,
    payments: async () => ctx.payments,
  };
  return command.run(context, { values, positionals });
}
