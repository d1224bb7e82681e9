import { problemSentence } from '../features/problems/problem-text.ts';
import { ApiProblem, ConsoleApi } from './api.ts';
import { type ConsoleConfig, pageUrl, readConsoleConfig } from './config.ts';
import { loadRestaurant, type Restaurant } from './restaurant.ts';
import { type ConsoleSession, currentSession, ROLE_NAMES, signOut } from './session.ts';

/** Everything a signed-in page starts from. */
export interface ConsoleContext {
  config: ConsoleConfig;
  api: ConsoleApi;
  session: ConsoleSession;
  restaurant: Restaurant;
  /** A plain sentence for a failed call, in this restaurant's currency. */
  sentence(error: unknown): string;
}

export function sentenceFor(error: unknown, currency = 'usd'): string {
  if (error instanceof ApiProblem) return problemSentence(error, { currency });
  return 'Something went wrong in the console. Reload the page and try again.';
}

/** Shows a page-wide message in the layout's alert area (empty text hides it). */
export function showPageMessage(text: string): void {
  const node = document.querySelector<HTMLElement>('[data-page-message]');
  if (!node) return;
  node.textContent = text;
  node.hidden = text === '';
}

function signInAddress(config: ConsoleConfig): string {
  return pageUrl(config.base, 'sign-in', { next: `${location.pathname}${location.search}` });
}

/**
 * Starts a signed-in page: nobody signed in goes to the sign-in page (and comes back after), a
 * password that must be changed goes to the password page first. Fills the header.
 */
export async function startPage(options: { passwordPage?: boolean } = {}): Promise<ConsoleContext | null> {
  const config = readConsoleConfig();
  const api = new ConsoleApi(config.apiUrl);
  try {
    const session = await currentSession(api);
    if (!session) {
      location.replace(signInAddress(config));
      return null;
    }
    if (session.must_change_password && !options.passwordPage) {
      location.replace(pageUrl(config.base, 'password'));
      return null;
    }
    const restaurant = await loadRestaurant(api, session.staff.restaurant.slug);
    fillHeader(config, api, session, restaurant);
    document.body.dataset.role = session.staff.role;
    return {
      config,
      api,
      session,
      restaurant,
      sentence: (error) => sentenceFor(error, restaurant.currency),
    };
  } catch (error) {
    showPageMessage(sentenceFor(error));
    return null;
  }
}

function fillHeader(config: ConsoleConfig, api: ConsoleApi, session: ConsoleSession, restaurant: Restaurant) {
  for (const node of document.querySelectorAll('[data-restaurant-name]')) node.textContent = restaurant.name;
  const who = document.querySelector('[data-staff-name]');
  if (who) who.textContent = `${session.staff.name} · ${ROLE_NAMES[session.staff.role]}`;
  const account = document.querySelector<HTMLElement>('[data-account]');
  if (account) account.hidden = false;
  const signOutButton = document.querySelector<HTMLButtonElement>('[data-sign-out]');
  signOutButton?.addEventListener('click', async () => {
    signOutButton.disabled = true;
    try {
      await signOut(api);
      location.assign(pageUrl(config.base, 'sign-in', { signed_out: '1' }));
    } catch (error) {
      signOutButton.disabled = false;
      // Already signed out elsewhere: the sign-in page is where they wanted to be.
      if (error instanceof ApiProblem && error.status === 401)
        location.assign(pageUrl(config.base, 'sign-in'));
      else showPageMessage(sentenceFor(error, restaurant.currency));
    }
  });
}
