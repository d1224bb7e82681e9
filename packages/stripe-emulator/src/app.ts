import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Domain } from './domain/context.ts';
import { ApiError } from './errors.ts';
import { apiRoutes } from './http/api.routes.ts';
import { authenticate, type RestrictedKeys } from './http/auth.ts';
import { controlRoutes } from './http/control.routes.ts';
import { cors } from './http/cors.ts';
import type { FailSwitch } from './http/fail-switch.ts';
import { threeDSecureRoutes } from './http/three-d-secure.routes.ts';
import { stripeJsRoutes } from './stripejs/serve.ts';
import type { EmulatorControl } from './types.ts';

export interface AppDeps {
  domain: Domain;
  control: EmulatorControl;
  failSwitch: FailSwitch;
  restrictedKeys: RestrictedKeys;
  log: (line: string) => void;
}

function errorHandler(log: (line: string) => void) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof ApiError) {
      res.status(error.status).json({ error: error.body });
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res
        .status(status)
        .json({ error: { type: 'invalid_request_error', message: (error as Error).message } });
      return;
    }
    log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
    res
      .status(500)
      .json({ error: { type: 'api_error', message: error instanceof Error ? error.message : 'error' } });
  };
}

/** The emulator's HTTP surface, without listening. */
export function createApp({ domain, control, failSwitch, restrictedKeys, log }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(cors);
  app.use(
    '/v1',
    failSwitch.middleware,
    express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 10_000 }),
    authenticate(restrictedKeys),
    apiRoutes(domain, log),
  );
  app.use('/_emulator', threeDSecureRoutes(domain), controlRoutes(control));
  app.use(stripeJsRoutes());
  app.get('/', (_req, res) => {
    res
      .type('text/plain')
      .send(
        'Stripe emulator: an offline TEST DOUBLE, not Stripe. API under /v1, controls under /_emulator.\n',
      );
  });
  app.use(errorHandler(log));
  return app;
}
