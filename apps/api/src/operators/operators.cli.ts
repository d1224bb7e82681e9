import type { CliCommand } from '../platform/cli-kit.ts';
import { catalogCommands } from './catalog.cli.ts';
import { keyCommands } from './keys.cli.ts';

/** Restaurant onboarding and operator keys: `pnpm --filter @repo/api cli <command>`. */
export const operatorCommands: CliCommand[] = [...catalogCommands, ...keyCommands];
