import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CONSOLE_DIR = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(CONSOLE_DIR, 'artifacts');
export const STATE_FILE = path.join(ARTIFACTS, 'e2e-state.json');

export interface Account {
  email: string;
  password: string;
}

/** What global setup started, for the tests to use. */
export interface E2eState {
  apiUrl: string;
  emulatorUrl: string;
  consoleUrl: string;
  publishableKey: string;
  /** Operator keys (every right), for arranging what a test needs and reading what it did. */
  keys: { demo: string; 'demo-manual': string };
  accounts: {
    /** `demo`'s manager and a `staff`-role member, passwords already their own. */
    demoManager: Account;
    demoStaff: Account;
    /** `demo-manual`'s manager: the restaurant whose staff accept each order. */
    manualManager: Account;
    /** A member who still has the one-time password printed for them. */
    newcomer: Account;
  };
  dataDir: string | null;
  /** The throwaway PostgreSQL database, when DATABASE_URL is set. */
  database: { name: string; adminUrl: string; url: string } | null;
  apiPid: number;
}

export function readState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}
