import type { CreatedStaff, SessionView, StaffRole } from '@repo/contracts';
import type { Account } from './state.ts';

/** A console member made through the owner's route, with an operator key (which has every right). */
export async function createMember(
  apiUrl: string,
  slug: string,
  key: string,
  member: { email: string; name: string; role: StaffRole },
): Promise<Account> {
  const response = await fetch(`${apiUrl}/api/clients/${slug}/staff`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(member),
  });
  if (response.status !== 201)
    throw new Error(`create ${member.email}: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as CreatedStaff;
  return { email: member.email, password: created.one_time_password };
}

/** Signs the member in once and replaces the one-time password, as a first sign-in would. */
export async function choosePassword(apiUrl: string, account: Account, password: string): Promise<Account> {
  const signIn = await fetch(`${apiUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (!signIn.ok) throw new Error(`sign in ${account.email}: ${signIn.status} ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = (await signIn.json()) as SessionView;
  const change = await fetch(`${apiUrl}/api/session/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': session.csrf_token },
    body: JSON.stringify({ current_password: account.password, new_password: password }),
  });
  if (!change.ok) throw new Error(`password of ${account.email}: ${change.status} ${await change.text()}`);
  await fetch(`${apiUrl}/api/session`, {
    method: 'DELETE',
    headers: { Cookie: cookie, 'X-CSRF-Token': session.csrf_token },
  });
  return { email: account.email, password };
}
