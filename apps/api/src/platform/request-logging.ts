import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { errorSerializer, type Logger, scrubUrl, scrubValue } from './logger.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One access log line per request. Its serializers scrub what they copy: pino runs the logger's
 * own scrubbing before any serializer, so a URL copied here would otherwise reach the log verbatim
 * (an `?api_key=rk_…` included).
 */
export function requestLogging(logger: Logger, maskEmails: boolean): RequestHandler {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: scrubUrl(req.url, maskEmails),
      }),
      res: (res: Record<string, unknown>) => scrubValue(res, maskEmails),
      err: errorSerializer(maskEmails),
    },
  });
}
