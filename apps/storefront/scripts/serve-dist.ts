import path from 'node:path';
import { serveBuiltSite } from '@repo/site-kit/serve';

await serveBuiltSite({
  name: 'Storefront',
  envPrefix: 'STOREFRONT',
  defaultPort: 4321,
  defaultDist: path.join(import.meta.dirname, '..', 'dist'),
});
