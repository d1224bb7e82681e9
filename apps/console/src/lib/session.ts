import type { SessionView, StaffRole } from '@repo/contracts';
import { ApiProblem, type ConsoleApi } from './api.ts';

/** `GET`/`POST /api/session`: who is signed in, for which restaurant, and the session's CSRF token. */
export type ConsoleSession = SessionView;

const RANK: Record<StaffRole, number> = { staff: 0, manager: 1, owner: 2 };

/** Whether a role may do what `needed` may: a manager may do what staff may, an owner everything. */
export function roleAllows(role: StaffRole, needed: StaffRole): boolean {
  return RANK[role] >= RANK[needed];
}

export const ROLE_NAMES: Record<StaffRole, string> = { owner: 'Owner', manager: 'Manager', staff: 'Staff' };

/** The signed-in session, or null when nobody is (401). */
export async function currentSession(api: ConsoleApi): Promise<ConsoleSession | null> {
  try {
    const session = await api.get<ConsoleSession>('/api/session');
    api.csrfToken = session.csrf_token;
    return session;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(api: ConsoleApi, email: string, password: string): Promise<ConsoleSession> {
  const session = await api.request<ConsoleSession>('POST', '/api/session', { body: { email, password } });
  api.csrfToken = session.csrf_token;
  return session;
}

export async function changePassword(
  api: ConsoleApi,
  currentPassword: string,
  newPassword: string,
): Promise<ConsoleSession> {
  const session = await api.request<ConsoleSession>('POST', '/api/session/password', {
    body: { current_password: currentPassword, new_password: newPassword },
  });
  api.csrfToken = session.csrf_token;
  return session;
}

export async function signOut(api: ConsoleApi): Promise<void> {
  await api.request<void>('DELETE', '/api/session');
  api.csrfToken = null;
}

/** Where to go after signing in: a page of this console only, never another site. */
export function safeNext(next: string | null, base: string): string {
  if (!next?.startsWith(base) || next.startsWith('//') || next.includes('\\')) return base;
  return next;
}
