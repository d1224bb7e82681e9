import { readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import express, { type Router } from 'express';

/** Dependency order: each file only uses what the ones before it define. */
const SOURCES = [
  'card-validation.ts',
  'api-client.ts',
  'element-events.ts',
  'form-element.ts',
  'payment-element-fields.ts',
  'payment-element.ts',
  'extra-elements.ts',
  'elements.ts',
  'stripe.ts',
];

function toScriptBody(source: string): string {
  return stripTypeScriptTypes(source, { mode: 'strip' })
    .replace(/^import\s[\s\S]*?\sfrom\s+['"][^'"]+['"];?[ \t]*$/gm, '')
    .replace(/^export\s+(?=(async\s+)?(function|const|let|class)\b)/gm, '');
}

let cached: string | undefined;

/** The stand-in as one classic script: type-stripped TypeScript sources concatenated in one closure. */
export function stripeJsBundle(): string {
  cached ??= SOURCES.map((file) => {
    const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
    return `// ${file}\n${toScriptBody(source)}`;
  }).join('\n');
  return cached;
}

export function stripeJsRoutes(): Router {
  const router = express.Router();
  router.get(['/v3/stripe.js', '/v3', '/js/stripe.js'], (req, res) => {
    const origin = `${req.protocol}://${req.get('host')}`;
    res
      .type('application/javascript')
      .set('Cache-Control', 'no-store')
      .send(
        `/* Stripe.js stand-in served by the Stripe emulator: a TEST DOUBLE, not Stripe. */\n(function () {\n'use strict';\nconst EMULATOR_URL = ${JSON.stringify(origin)};\n${stripeJsBundle()}\n})();\n`,
      );
  });
  return router;
}
