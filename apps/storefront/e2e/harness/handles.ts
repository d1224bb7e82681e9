import type { ChildProcess } from 'node:child_process';
import type { StaticServer } from '@repo/site-kit/serve';

interface Handles {
  api?: ChildProcess;
  site?: StaticServer;
  manualSite?: StaticServer;
  database?: { name: string; adminUrl: string } | undefined;
}

/** Live handles from global setup; Jest shares globals (not modules) between setup and teardown. */
const holder = globalThis as typeof globalThis & { __storefrontE2e?: Handles };
holder.__storefrontE2e ??= {};
export const handles: Handles = holder.__storefrontE2e;
