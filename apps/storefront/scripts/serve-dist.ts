import path from 'node:path';
import { serveStatic } from './serve.ts';

const port = Number(process.env.STOREFRONT_PORT ?? 4321);
const host = process.env.STOREFRONT_HOST ?? '127.0.0.1';
const dist = path.resolve(process.env.STOREFRONT_DIST ?? path.join(import.meta.dirname, '..', 'dist'));
const site = await serveStatic(dist, port, host);
process.stdout.write(`Storefront (static ${dist}) on ${site.url}\n`);
const stop = () => void site.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
