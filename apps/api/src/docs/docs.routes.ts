import { openApiDocument, type RegisterRoutes } from '@repo/contracts';
import { Router } from 'express';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

interface Operation {
  summary?: string;
  tags?: string[];
  responses?: Record<string, { description?: string }>;
}

/** A self-contained reference page (no external scripts) rendered from the OpenAPI document. */
function docsPage(document: ReturnType<typeof openApiDocument>): string {
  const rows = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => {
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${escapeHtml(code)}</code> ${escapeHtml(r.description ?? '')}</li>`)
        .join('');
      return `<section><h2><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary ?? '')} <small>${escapeHtml((op.tags ?? []).join(', '))}</small></p><ul>${responses}</ul></section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(document.info.title)}</title><style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h2{font-size:1.05rem;margin:0}section{border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4rem;font-weight:700}.get{color:#0969da}.post{color:#1a7f37}small{color:#57606a}
</style></head><body><h1>${escapeHtml(document.info.title)}</h1><p>${escapeHtml(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)}).</p>${rows.join('\n')}</body></html>`;
}

export function docsRoutes(extra: RegisterRoutes[] = []): Router {
  const document = openApiDocument(...extra);
  const page = docsPage(document);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
