import { rmSync } from 'node:fs';
import { handles } from './handles.ts';
import { stopChild } from './processes.ts';
import { readState } from './state.ts';

export default async function globalTeardown(): Promise<void> {
  await handles.site?.close();
  await stopChild(handles.api);
  const { dataDir } = readState();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
