import autocannon from 'autocannon';
import { type CpuPerRequest, startCpuMeter } from './cpu.ts';

export interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpu?: CpuPerRequest | undefined;
}

function figures(label: string, result: autocannon.Result): Figures {
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon's errors include its timeouts.
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Runs one load and takes its figures with the CPU each request cost, per process. */
export async function measure(
  label: string,
  pids: { server: number; emulator: number },
  run: () => Promise<autocannon.Result>,
): Promise<Figures> {
  const meter = startCpuMeter(pids);
  const result = await run();
  return { ...figures(label, result), cpu: meter.perRequest(result.requests.total) };
}

/** One load of a comparison: its own server, and a run of a given length that times each response. */
export interface TurnLoad {
  label: string;
  pids: { server: number; emulator: number };
  run(seconds: number): Promise<TimedRun>;
}

export interface TimedRun {
  result: autocannon.Result;
  /** Each response's latency, in milliseconds. */
  latencies: number[];
}

/**
 * Runs autocannon and records the latency of every 2xx response (those autocannon's own percentiles
 * count), so runs can be merged exactly.
 */
export function timedRun(options: autocannon.Options): Promise<TimedRun> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ result, latencies }),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
}

/** Between turns: lets the work a turn left behind (WAL writes, autovacuum) finish outside the next. */
const SETTLE_MS = 300;

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!);
}

/**
 * Runs the loads in turns, a slice of `seconds` each, and sums each one's turns. The machine's speed
 * can drift during a run (other tenants, CPU frequency); taking turns makes a drift fall on every
 * load alike, so their ratio compares the code, not the moments they ran at. PostgreSQL's CPU is
 * read machine-wide, so each turn starts after a short pause for the last one's leftovers.
 */
export async function measureInTurns(loads: TurnLoad[], seconds: number, turns: number): Promise<Figures[]> {
  const totals = loads.map(() => ({
    requests: 0,
    duration: 0,
    errors: 0,
    non2xx: 0,
    latencies: [] as number[],
    cpu: { server: 0, postgres: 0, emulator: 0, load: 0 },
    postgresSeen: true,
    cpuSeen: true,
  }));
  for (let turn = 0; turn < turns; turn += 1) {
    for (const [index, load] of loads.entries()) {
      const total = totals[index]!;
      await new Promise((settled) => setTimeout(settled, SETTLE_MS));
      const meter = startCpuMeter(load.pids);
      const { result, latencies } = await load.run(seconds / turns);
      const requests = result.requests.total;
      const cpu = meter.perRequest(requests);
      total.requests += requests;
      total.duration += result.duration;
      total.errors += result.errors;
      total.non2xx += result.non2xx;
      for (const latency of latencies) total.latencies.push(latency);
      if (!cpu) {
        total.cpuSeen = false;
        continue;
      }
      total.cpu.server += cpu.server * requests;
      total.cpu.emulator += cpu.emulator * requests;
      total.cpu.load += cpu.load * requests;
      if (cpu.postgres === undefined) total.postgresSeen = false;
      else total.cpu.postgres += cpu.postgres * requests;
    }
  }
  return loads.map((load, index) => {
    const total = totals[index]!;
    const sorted = total.latencies.sort((a, b) => a - b);
    const per = (micros: number) => micros / Math.max(total.requests, 1);
    return {
      label: load.label,
      rps: total.requests / Math.max(total.duration, Number.EPSILON),
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      errors: total.errors,
      non2xx: total.non2xx,
      cpu:
        total.cpuSeen && total.requests > 0
          ? {
              server: per(total.cpu.server),
              postgres: total.postgresSeen ? per(total.cpu.postgres) : undefined,
              emulator: per(total.cpu.emulator),
              load: per(total.cpu.load),
            }
          : undefined,
    };
  });
}

const micros = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(0));

export function printTable(title: string, rows: Figures[]): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'scenario'.padEnd(44)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}${'non-2xx'.padStart(9)}\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `${row.label.padEnd(44)}${row.rps.toFixed(0).padStart(10)}${String(row.p50).padStart(9)}${String(row.p99).padStart(9)}${String(row.errors).padStart(8)}${String(row.non2xx).padStart(9)}\n`,
    );
  }
  const measured = rows.filter((row) => row.cpu);
  if (measured.length === 0) return;
  process.stdout.write(
    `${'CPU per request, µs'.padEnd(44)}${'server'.padStart(8)}${'postgres'.padStart(10)}${'emulator'.padStart(10)}${'load'.padStart(7)}${'total'.padStart(8)}\n`,
  );
  for (const { label, cpu } of measured) {
    if (!cpu) continue;
    const total = cpu.server + (cpu.postgres ?? 0) + cpu.emulator + cpu.load;
    process.stdout.write(
      `${label.padEnd(44)}${micros(cpu.server).padStart(8)}${micros(cpu.postgres).padStart(10)}${micros(cpu.emulator).padStart(10)}${micros(cpu.load).padStart(7)}${micros(total).padStart(8)}\n`,
    );
  }
}

export function verdict(name: string, value: number, target: number, higherIsBetter = true): string {
  const ok = higherIsBetter ? value >= target : value <= target;
  return `${ok ? 'PASS' : 'MISS'} ${name}: ${value.toFixed(2)} (target ${higherIsBetter ? '>=' : '<='} ${target})`;
}
