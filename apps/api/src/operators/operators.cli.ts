import { availabilityCommands } from '../availability/availability.cli.ts';
import type { CliCommand } from '../platform/cli-kit.ts';
import { catalogCommands } from './catalog.cli.ts';
import { keyCommands } from './keys.cli.ts';

/** Restaurant onboarding, what can be ordered and when, and operator keys: `pnpm --filter @repo/api cli <command>`. */
export const operatorCommands: CliCommand[] = [...catalogCommands, ...availabilityCommands, ...keyCommands];
