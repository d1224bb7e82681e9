// Mirrors astro.config.ts `env.schema` for plain `tsc`; Astro generates the same in .astro/ at build.
declare module 'astro:env/client' {
  export const PUBLIC_API_URL: string;
  export const PUBLIC_CLIENT_SLUG: string;
  export const PUBLIC_STRIPE_KEY: string | undefined;
  export const PUBLIC_STRIPE_JS_URL: string | undefined;
}

declare module 'astro:env/server' {
  export const MENU_API_URL: string | undefined;
}
