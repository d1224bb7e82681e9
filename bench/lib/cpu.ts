import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { ADMIN_URL } from './database.ts';

/**
 * CPU time per request, split by process, from Linux's /proc. Every process of a run shares the
 * machine's cores, so these figures say where a ratio to the floor comes from: the floor's whole
 * cost per request is what ours has to fit in. Elsewhere (no /proc) no split is printed.
 */
export interface CpuPerRequest {
  /** The server under load: the API, or the baseline. */
  server: number;
  /** Every PostgreSQL process on this machine; undefined when the database is elsewhere. */
  postgres: number | undefined;
  /** The Stripe emulator. */
  emulator: number;
  /** This process: autocannon, generating and signing the requests. */
  load: number;
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds of one process, all its threads; undefined once it is gone. */
function processSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Whether the bench database is on this machine, so its server's processes can be read here. */
const POSTGRES_IS_LOCAL = ['', 'localhost', '127.0.0.1', '[::1]'].includes(new URL(ADMIN_URL).hostname);

/** CPU seconds of each PostgreSQL process now running, by pid: all of them, WAL writer included. */
function postgresSeconds(): Map<number, number> {
  const seconds = new Map<number, number>();
  if (!POSTGRES_IS_LOCAL) return seconds;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return seconds;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const value = processSeconds(Number(entry));
    if (value !== undefined) seconds.set(Number(entry), value);
  }
  return seconds;
}

export interface CpuMeter {
  /** CPU per request since the meter started, in microseconds. */
  perRequest(requests: number): CpuPerRequest | undefined;
}

/** Starts counting the CPU of the server and emulator processes, PostgreSQL and this process. */
export function startCpuMeter(pids: { server: number; emulator: number }): CpuMeter {
  const server = processSeconds(pids.server);
  const emulator = processSeconds(pids.emulator);
  const postgres = postgresSeconds();
  const load = process.cpuUsage();
  return {
    perRequest(requests) {
      const serverNow = processSeconds(pids.server);
      const emulatorNow = processSeconds(pids.emulator);
      if (
        requests <= 0 ||
        server === undefined ||
        serverNow === undefined ||
        emulator === undefined ||
        emulatorNow === undefined
      )
        return undefined;
      const micros = (seconds: number) => (seconds * 1e6) / requests;
      // A backend that connected during the run counts from zero; one that left takes its time along.
      let postgresUsed = 0;
      const postgresNow = postgresSeconds();
      for (const [pid, seconds] of postgresNow) postgresUsed += seconds - (postgres.get(pid) ?? 0);
      const loadUsed = process.cpuUsage(load);
      return {
        server: micros(serverNow - server),
        postgres: postgresNow.size > 0 ? micros(postgresUsed) : undefined,
        emulator: micros(emulatorNow - emulator),
        load: (loadUsed.user + loadUsed.system) / requests,
      };
    },
  };
}
