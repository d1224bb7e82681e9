/** What every page's scripts need, rendered at build time into a JSON script tag by the layout. */
export interface ConsoleConfig {
  /** The API, as the browser reaches it. */
  apiUrl: string;
  /** The path the console is served under, ending in `/`: `/` locally, `/console/` in the image. */
  base: string;
}

export const CONSOLE_CONFIG_ID = 'console-config';

export function readConsoleConfig(): ConsoleConfig {
  const node = document.getElementById(CONSOLE_CONFIG_ID);
  if (!node?.textContent) throw new Error(`missing #${CONSOLE_CONFIG_ID}`);
  return JSON.parse(node.textContent) as ConsoleConfig;
}

/** A console page's address under the base: `pageUrl('/console/', 'order', { id })`. */
export function pageUrl(base: string, page: string, query: Record<string, string> = {}): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const search = new URLSearchParams(query).toString();
  return `${root}${page}${search ? `?${search}` : ''}`;
}
