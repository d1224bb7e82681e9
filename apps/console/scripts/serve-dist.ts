import path from 'node:path';
import { serveStatic } from './serve.ts';

const port = Number(process.env.CONSOLE_PORT ?? 4322);
const host = process.env.CONSOLE_HOST ?? '127.0.0.1';
const dist = path.resolve(process.env.CONSOLE_DIST ?? path.join(import.meta.dirname, '..', 'dist'));
const site = await serveStatic(dist, port, host);
process.stdout.write(`Console (static ${dist}) on ${site.url}\n`);
const stop = () => void site.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
