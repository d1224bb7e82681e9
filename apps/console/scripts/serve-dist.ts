import path from 'node:path';
import { serveBuiltSite } from '@repo/site-kit/serve';

await serveBuiltSite({
  name: 'Console',
  envPrefix: 'CONSOLE',
  defaultPort: 4322,
  defaultDist: path.join(import.meta.dirname, '..', 'dist'),
});
