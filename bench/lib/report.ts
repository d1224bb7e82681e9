import type autocannon from 'autocannon';
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
    errors: result.errors + result.timeouts,
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
