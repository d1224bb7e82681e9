import { writeFileSync } from 'node:fs';
import { renderLifecycleDoc } from '../src/orders/lifecycle/lifecycle-doc.ts';

const target = new URL('../../../docs/order-lifecycle.md', import.meta.url);
writeFileSync(target, renderLifecycleDoc());
process.stdout.write(`wrote ${target.pathname}\n`);
