import { defineConfig, envField } from 'astro/config';

/**
 * One build serves every restaurant: who signs in decides which restaurant the pages show. Only the
 * API's address is fixed at build time. `CONSOLE_BASE` is the path the console is served under
 * (`/console` in the production image, behind the same Caddy as the storefront).
 */
const base = process.env.CONSOLE_BASE?.trim() || '/';

export default defineConfig({
  output: 'static',
  base,
  build: { format: 'file' },
  env: {
    schema: {
      PUBLIC_API_URL: envField.string({
        context: 'client',
        access: 'public',
        url: true,
        default: 'http://127.0.0.1:3000',
      }),
    },
  },
  devToolbar: { enabled: false },
  vite: { build: { assetsInlineLimit: 0 } },
});
