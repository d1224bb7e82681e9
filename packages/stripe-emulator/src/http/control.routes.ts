import express, { type Router } from 'express';
import type { EmulatorControl, KeyPermissions } from '../types.ts';

type Body = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function filter(body: Body): { eventId?: string; type?: string } {
  const eventId = str(body.eventId);
  const type = str(body.type);
  return { ...(eventId ? { eventId } : {}), ...(type ? { type } : {}) };
}

/** The control plane over HTTP: JSON in, JSON out, under /_emulator so it never looks like Stripe. */
export function controlRoutes(control: EmulatorControl): Router {
  const router = express.Router();
  router.use(express.json());
  const ok = { ok: true };
  const body = (req: express.Request): Body => (req.body ?? {}) as Body;

  router.post('/reset', (_req, res) => {
    control.reset();
    res.json(ok);
  });
  router.post('/webhook-endpoints', (req, res) => {
    control.addWebhookEndpoint({ url: String(body(req).url), secret: String(body(req).secret) });
    res.json(ok);
  });
  router.post('/webhook-secrets', (req, res) => {
    const secrets = body(req).secrets;
    control.setWebhookSecrets(String(body(req).url), Array.isArray(secrets) ? secrets.map(String) : []);
    res.json(ok);
  });
  router.get('/deliveries', (_req, res) => {
    res.json({ data: control.deliveries() });
  });
  router.get('/events', (_req, res) => {
    res.json({ data: control.events() });
  });
  router.post('/hold', (req, res) => {
    control.hold(body(req).on !== false);
    res.json(ok);
  });
  router.post('/release', async (req, res) => {
    await control.release(filter(body(req)));
    res.json(ok);
  });
  router.post('/drop', (req, res) => {
    control.drop(filter(body(req)));
    res.json(ok);
  });
  router.post('/duplicate', (req, res) => {
    control.duplicate(Number(body(req).times ?? 2));
    res.json(ok);
  });
  router.post('/reorder', (req, res) => {
    control.reorder(body(req).on !== false);
    res.json(ok);
  });
  router.post('/shuffle', (req, res) => {
    const { on, seed } = body(req);
    control.shuffle(on === false ? null : typeof seed === 'number' ? seed : Date.now());
    res.json(ok);
  });
  router.post('/restricted-keys', (req, res) => {
    const { key, permissions } = body(req);
    try {
      control.addRestrictedKey(String(key), (permissions ?? {}) as KeyPermissions);
    } catch (error) {
      res.status(400).json({ error: (error as Error).message });
      return;
    }
    res.json(ok);
  });
  router.post('/resend/:eventId', async (req, res) => {
    await control.resend(req.params.eventId);
    res.json(ok);
  });
  router.post('/fail-requests', (req, res) => {
    const { status, count, latencyMs } = body(req);
    if (status !== 429 && status !== 500 && status !== 503) {
      res.status(400).json({ error: 'status must be 429, 500 or 503' });
      return;
    }
    control.failRequests({
      status,
      count: Number(count ?? 1),
      ...(typeof latencyMs === 'number' ? { latencyMs } : {}),
    });
    res.json(ok);
  });
  router.post('/settle-refunds', async (_req, res) => {
    await control.settleRefunds();
    res.json(ok);
  });
  router.post('/disputes/:id/close', (req, res) => {
    control.closeDispute(req.params.id, body(req).outcome === 'lost' ? 'lost' : 'won');
    res.json(ok);
  });
  router.post('/payment_intents/:id/expire-authorization', (req, res) => {
    try {
      control.expireAuthorization(req.params.id);
    } catch (error) {
      res.status(400).json({ error: (error as Error).message });
      return;
    }
    res.json(ok);
  });
  router.post('/wait-for-idle', async (_req, res) => {
    await control.waitForIdle();
    res.json(ok);
  });
  return router;
}
