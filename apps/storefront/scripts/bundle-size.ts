import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Our own JS on any page must stay under this many gzipped bytes (Stripe.js is loaded from Stripe). */
const JS_BUDGET = 30 * 1024;

const dist = path.resolve(
  process.argv.find((arg, i) => i > 1 && !arg.startsWith('--')) ??
    path.join(import.meta.dirname, '..', 'dist'),
);
if (!existsSync(path.join(dist, 'index.html'))) {
  process.stdout.write(
    `No built site in ${dist}: run \`pnpm start\` once (it builds the storefront), then measure again.\n`,
  );
  process.exit(1);
}
const gz = (file: string) => gzipSync(readFileSync(file)).length;
const local = (ref: string) => (ref.startsWith('/') && !ref.startsWith('//') ? path.join(dist, ref) : null);

/** A module and everything it statically imports, as the browser downloads them. */
function moduleGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  for (const match of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
    const ref = match[1] ?? '';
    const file = ref.startsWith('/') ? path.join(dist, ref) : path.resolve(path.dirname(entry), ref);
    moduleGraph(file, seen);
  }
  return seen;
}

interface PageSize {
  page: string;
  js: number;
  css: number;
  inlineJson: number;
}

function measure(htmlFile: string): PageSize {
  const html = readFileSync(htmlFile, 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].flatMap(
    (m) => local(m[1] ?? '') ?? [],
  );
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].flatMap(
    (m) => local(m[1] ?? '') ?? [],
  );
  const inlineModules = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map(
    (m) => gzipSync(m[1] ?? '').length,
  );
  const graph = new Set<string>();
  for (const script of scripts) moduleGraph(script, graph);
  const json = [...html.matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)];
  return {
    page: path.relative(dist, htmlFile),
    js: [...graph].reduce((sum, file) => sum + gz(file), 0) + inlineModules.reduce((a, b) => a + b, 0),
    css: styles.reduce((sum, file) => sum + gz(file), 0),
    inlineJson: json.reduce((sum, m) => sum + gzipSync(m[1] ?? '').length, 0),
  };
}

const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html'))
  .sort()
  .map((file) => measure(path.join(dist, file)));

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ budget: { js: JS_BUDGET }, pages }, null, 2)}\n`);
} else {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
  process.stdout.write(
    `gzipped bytes per page in ${dist} (JS budget ${kb(JS_BUDGET).trim()}, Stripe.js excluded)\n`,
  );
  process.stdout.write(`${'page'.padEnd(28)}${'js'.padStart(9)}${'css'.padStart(9)}${'json'.padStart(9)}\n`);
  for (const p of pages)
    process.stdout.write(`${p.page.padEnd(28)}${kb(p.js)}${kb(p.css)}${kb(p.inlineJson)}\n`);
}
const over = pages.filter((p) => p.js > JS_BUDGET);
if (over.length > 0) {
  process.stderr.write(`over the JS budget: ${over.map((p) => p.page).join(', ')}\n`);
  process.exitCode = 1;
}
