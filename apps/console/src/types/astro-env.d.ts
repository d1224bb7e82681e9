// Mirrors astro.config.ts `env.schema` for plain `tsc`; Astro generates the same in .astro/ at build.
declare module 'astro:env/client' {
  export const PUBLIC_API_URL: string;
}
