import { defineConfig, envField } from 'astro/config';

export default defineConfig({
  output: 'static',
  build: { format: 'file' },
  env: {
    schema: {
      PUBLIC_API_URL: envField.string({
        context: 'client',
        access: 'public',
        url: true,
        default: 'http://127.0.0.1:3000',
      }),
      /** Where the build fetches the menu, when it differs from the browser's PUBLIC_API_URL (containers). */
      MENU_API_URL: envField.string({ context: 'server', access: 'public', url: true, optional: true }),
      PUBLIC_CLIENT_SLUG: envField.string({ context: 'client', access: 'public', default: 'demo' }),
      PUBLIC_STRIPE_KEY: envField.string({ context: 'client', access: 'public', optional: true }),
      PUBLIC_STRIPE_JS_URL: envField.string({
        context: 'client',
        access: 'public',
        url: true,
        optional: true,
      }),
    },
  },
  devToolbar: { enabled: false },
  vite: { build: { assetsInlineLimit: 0 } },
});
