import os from 'node:os';
import preset from '../../jest.preset.js';

// Jest's default, one worker fewer than the cores, runs the suite in band on a 2-core machine: in one
// process whose heap grows file after file (each PGlite start got slower down the run), and where a
// handle left open keeps Jest from exiting. On PGlite a test file is CPU-bound in its worker, so one
// worker per core; on PostgreSQL it often waits on the server, so one more. At most four, since a
// file's pool may hold 20 connections of the server's default 100.
const perCore = os.availableParallelism() + (process.env.DATABASE_URL ? 1 : 0);

export default {
  ...preset,
  globalSetup: '<rootDir>/test/global-setup.ts',
  maxWorkers: Math.min(4, Math.max(2, perCore)),
};
