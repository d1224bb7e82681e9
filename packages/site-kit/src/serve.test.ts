import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type StaticServer, serveStatic } from './serve.ts';

/** A built site in a temporary folder, as `astro build` leaves it. */
function builtSite(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'site-kit-serve-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

const PAGES = {
  'index.html': '<h1>Menu</h1>',
  'checkout.html': '<h1>Checkout</h1>',
  'order/index.html': '<h1>Order</h1>',
  '_astro/page.Ab12.js': 'console.log(1);',
};

describe('serveStatic', () => {
  let root: string;
  let site: StaticServer;

  afterEach(async () => {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  });

  describe('when the site built its own 404 page', () => {
    beforeEach(async () => {
      root = builtSite({ ...PAGES, '404.html': '<h1>Not on the menu</h1>' });
      site = await serveStatic(root, 0);
    });

    it('when a page is asked for without .html, then its file is served, query string and all', async () => {
      const home = await fetch(`${site.url}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(home.headers.get('cache-control')).toBe('no-cache');
      expect(await home.text()).toBe('<h1>Menu</h1>');
      expect(await (await fetch(`${site.url}/checkout?order=1`)).text()).toBe('<h1>Checkout</h1>');
      expect(await (await fetch(`${site.url}/order`)).text()).toBe('<h1>Order</h1>');
    });

    it('when a hashed asset is served, then it may be cached for good', async () => {
      const asset = await fetch(`${site.url}/_astro/page.Ab12.js`);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });

    it('when a path is missing, then it is a 404 with the site’s page, and HEAD has no body', async () => {
      const missing = await fetch(`${site.url}/nowhere`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await missing.text()).toBe('<h1>Not on the menu</h1>');
      const head = await fetch(`${site.url}/nowhere`, { method: 'HEAD' });
      expect(head.status).toBe(404);
      expect(await head.text()).toBe('');
    });

    it('when a page is posted to, then it is a 405 that allows GET and HEAD', async () => {
      const posted = await fetch(`${site.url}/checkout`, { method: 'POST', body: 'x' });
      expect(posted.status).toBe(405);
      expect(posted.headers.get('allow')).toBe('GET, HEAD');
      expect(await posted.text()).toBe('Method not allowed');
    });

    it('when a path climbs out of the site, then nothing outside it is served', async () => {
      const outside = await fetch(`${site.url}/..%2f..%2fetc%2fpasswd`);
      expect(outside.status).toBe(404);
    });
  });

  describe('when the site has no 404 page', () => {
    beforeEach(async () => {
      root = builtSite(PAGES);
      site = await serveStatic(root, 0);
    });

    it('when a path is missing, then it is a plain-text 404', async () => {
      const missing = await fetch(`${site.url}/nowhere`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await missing.text()).toBe('Not found');
    });
  });

  it('when another page is named as the 404 page, then a missing path gets that one', async () => {
    root = builtSite({ ...PAGES, 'missing.html': '<h1>Gone</h1>' });
    site = await serveStatic(root, 0, { notFoundPage: '/missing.html' });
    const missing = await fetch(`${site.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('<h1>Gone</h1>');
  });
});
