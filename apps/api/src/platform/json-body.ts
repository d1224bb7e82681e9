import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { BadRequestError } from './errors.ts';

/**
 * Parses JSON bodies, refusing one whose bytes are not valid UTF-8. Left to itself, body-parser
 * decodes such bytes as U+FFFD, so a name sent as `41 64 FF FE 61` would be stored as "Ad��a".
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    strict: true,
    verify(_req, _res, body, encoding) {
      // Bodies declared in UTF-16 or UTF-32 are decoded as such; only UTF-8 is checked here.
      if (encoding.toLowerCase() === 'utf-8' && !isUtf8(body)) {
        throw new BadRequestError('The request body is not valid UTF-8.');
      }
    },
  });
}
