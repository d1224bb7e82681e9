import type autocannon from 'autocannon';

export interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export function figures(label: string, result: autocannon.Result): Figures {
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

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
}

export function verdict(name: string, value: number, target: number, higherIsBetter = true): string {
  const ok = higherIsBetter ? value >= target : value <= target;
  return `${ok ? 'PASS' : 'MISS'} ${name}: ${value.toFixed(2)} (target ${higherIsBetter ? '>=' : '<='} ${target})`;
}
