import { readFileSync } from 'node:fs';
import path from 'node:path';

export const STOREFRONT_DIR = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(STOREFRONT_DIR, 'artifacts');
export const STATE_FILE = path.join(ARTIFACTS, 'e2e-state.json');

/** What global setup started, for the tests to use. */
export interface E2eState {
  apiUrl: string;
  emulatorUrl: string;
  siteUrl: string;
  /** The site built for `demo-manual`, whose staff accept each order. */
  manualSiteUrl: string;
  /** An operator key of `demo-manual`, for the staff's moves in the tests. */
  manualOperatorKey: string;
  /** The operator key of `demo`, for closing it or marking dishes sold out in the tests. */
  demoOperatorKey: string;
  publishableKey: string;
  /** The API's DATA_DIR: the embedded database, when there is no PostgreSQL, and `mail/*.eml`. */
  dataDir: string;
  /** The throwaway PostgreSQL database, when DATABASE_URL is set. */
  database: { name: string; adminUrl: string } | null;
  apiPid: number;
}

export function readState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}
