import type { Availability, OpeningHours } from '@repo/contracts';
import request from 'supertest';
import { ALL_DAY_HOURS } from '../src/menu/demo-menu.ts';
import type { TestContext } from './harness.ts';

const DAY_MS = 24 * 60 * 60_000;
export const QUARTER_MS = 15 * 60_000;

/** The local date in the demo restaurant's zone (New York), `days` from now. */
export function newYorkDate(days: number, from = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(from + days * DAY_MS);
}

/** Open at every hour except on the given local dates. */
export function allDayExcept(dates: string[]): OpeningHours {
  return { ...ALL_DAY_HOURS, closures: dates.map((date) => ({ date })) };
}

/** supertest calls to the availability switches with one operator key. */
export function availabilityApi(ctx: TestContext, key: string, slug = 'demo') {
  const auth = <T extends request.Test>(req: T): T => req.set('Authorization', `Bearer ${key}`);
  return {
    hours: () => auth(request(ctx.app).get(`/api/clients/${slug}/hours`)),
    putHours: (hours: OpeningHours | null) =>
      auth(request(ctx.app).put(`/api/clients/${slug}/hours`)).send({ hours }),
    pause: (body: object) => auth(request(ctx.app).post(`/api/clients/${slug}/pause`)).send(body),
    resume: () => auth(request(ctx.app).post(`/api/clients/${slug}/resume`)),
    mark: (kind: 'items' | 'options', id: string, available: boolean) =>
      auth(request(ctx.app).patch(`/api/clients/${slug}/menu/${kind}/${id}`)).send({ available }),
    read: async () =>
      (await request(ctx.app).get(`/api/clients/${slug}/availability`).expect(200)).body as Availability,
  };
}
