import type { ChildProcess } from 'node:child_process';
import type { StaticServer } from '@repo/site-kit/serve';

interface Handles {
  api?: ChildProcess;
  console?: StaticServer;
  database?: { name: string; adminUrl: string } | undefined;
}

/** Live handles from global setup; Jest shares globals (not modules) between setup and teardown. */
const holder = globalThis as typeof globalThis & { __consoleE2e?: Handles };
holder.__consoleE2e ??= {};
export const handles: Handles = holder.__consoleE2e;
