import { rmSync } from 'node:fs';
import { dropE2eDatabase } from '@repo/site-kit/e2e/database';
import { stopChild } from '@repo/site-kit/e2e/processes';
import { handles } from './handles.ts';
import { readState } from './state.ts';

export default async function globalTeardown(): Promise<void> {
  await handles.site?.close();
  await handles.manualSite?.close();
  await stopChild(handles.api);
  const { dataDir, database } = readState();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (database) await dropE2eDatabase(database.adminUrl, database.name);
}
