import type { OrderList, OrderSummary } from '@repo/contracts';
import { zoneDay } from '@repo/contracts/browser';
import { $ } from '@repo/site-kit/dom';
import { ApiProblem, clientPath } from '../../lib/api.ts';
import { pageUrl } from '../../lib/config.ts';
import { type ConsoleContext, startPage } from '../../lib/page.ts';
import { currentSession } from '../../lib/session.ts';
import { startOfDay } from '../../lib/time.ts';
import { decisionDialogs } from '../order-actions/decision-dialogs.ts';
import { orderAction, summaryOf } from '../order-actions/order-actions.ts';
import { BoardFeed, groupBoard } from './board-model.ts';
import { type CardAction, renderBoard, tick } from './board-view.ts';
import { type LiveState, openLiveStream } from './live-stream.ts';
import { Chime, rememberSound, soundPreference } from './sound.ts';

const MAX_PAGES = 10;
const POLL_MS = 5_000;
const REOPEN_MS = 30_000;
const FLASH_MS = 8_000;

const STATE_TEXT: Record<LiveState | 'polling', string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Live updates stopped',
  polling: 'Live updates interrupted: checking every few seconds',
};

/** Today's orders on the restaurant's clock, every page of them (a busy day is a few pages). */
async function todaysOrders(context: ConsoleContext): Promise<OrderSummary[]> {
  const { api, restaurant } = context;
  const from = startOfDay(zoneDay(Date.now(), restaurant.timezone), restaurant.timezone);
  const orders: OrderSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ created_from: from, limit: '100', ...(cursor ? { cursor } : {}) });
    const list: OrderList = await api.get(clientPath(restaurant.slug, `orders?${query}`));
    orders.push(...list.data);
    cursor = list.next_cursor;
    if (!cursor) break;
  }
  return orders;
}

export async function startBoard(): Promise<void> {
  const started = await startPage();
  if (started) runBoard(started);
}

function runBoard(context: ConsoleContext): void {
  const { api, config, restaurant } = context;
  const root = $('[data-board]');
  const message = $('[data-board-message]');
  const announce = $('[data-board-announce]');
  const status = $('[data-live-state]');
  const feed = new BoardFeed();
  const arrived = new Set<string>();
  const chime = new Chime(soundPreference(localStorage));

  const options = {
    base: config.base,
    currency: restaurant.currency,
    timezone: restaurant.timezone,
    act: (action: CardAction) => void act(action),
  };
  const render = () => renderBoard(root, groupBoard(feed.orders.values()), options, arrived);

  const welcome = (orders: OrderSummary[]) => {
    if (orders.length === 0) return;
    for (const order of orders) {
      arrived.add(order.order_id);
      setTimeout(() => {
        arrived.delete(order.order_id);
        root.querySelector(`[data-order-id="${order.order_id}"]`)?.classList.remove('arrived');
      }, FLASH_MS);
    }
    announce.textContent = orders
      .map((order) => `New order #${order.order_number} from ${order.customer_name}.`)
      .join(' ');
    chime.play();
  };
  const receive = (order: OrderSummary) => {
    welcome(feed.receive(order));
    render();
  };

  // The card a person acted on keeps the focus: on its next step, or its link when none is left.
  const focusCard = (orderId: string) => {
    const active = document.activeElement;
    const onCard = active?.closest('[data-order-id]')?.getAttribute('data-order-id') === orderId;
    if (!onCard && active !== document.body && active !== null) return;
    const card = root.querySelector(`[data-order-id="${orderId}"]`);
    (card?.querySelector<HTMLElement>('[data-action]') ?? card?.querySelector<HTMLElement>('a'))?.focus();
  };
  const dialogs = decisionDialogs(context, (view) => {
    receive(summaryOf(view));
    focusCard(view.order_id);
  });
  // A move under way: its button stays focusable (a disabled one would drop the focus) but inert.
  const moving = new Set<string>();
  async function act(action: CardAction): Promise<void> {
    message.textContent = '';
    if (action.kind === 'accept') return dialogs.accept(action.order);
    if (action.kind === 'reject') return dialogs.reject(action.order);
    const orderId = action.order.order_id;
    if (!action.status || moving.has(orderId)) return;
    moving.add(orderId);
    action.button.setAttribute('aria-disabled', 'true');
    try {
      receive(
        summaryOf(await orderAction(api, restaurant.slug, orderId, 'status', { status: action.status })),
      );
      focusCard(orderId);
    } catch (error) {
      action.button.removeAttribute('aria-disabled');
      message.textContent = `Order #${action.order.order_number}: ${context.sentence(error)}`;
    } finally {
      moving.delete(orderId);
    }
  }

  async function load(): Promise<void> {
    feed.beginLoad();
    try {
      welcome(feed.finishLoad(await todaysOrders(context)));
      message.textContent = '';
    } catch (error) {
      welcome(feed.abortLoad());
      message.textContent = context.sentence(error);
      if (error instanceof ApiProblem && error.status === 401) location.reload();
    }
    root.setAttribute('aria-busy', 'false');
    render();
  }

  // The stream, and polling while it is down: a stream the server closed is tried again later.
  let poll: ReturnType<typeof setInterval> | undefined;
  const showState = (state: LiveState | 'polling') => {
    status.textContent = STATE_TEXT[state];
    status.dataset.state = state;
  };
  const connect = () => {
    const close = openLiveStream(api.url(clientPath(restaurant.slug, 'orders/events')), {
      ready: () => {
        clearInterval(poll);
        poll = undefined;
        void load();
      },
      order: receive,
      state: (state) => {
        if (state !== 'closed') return showState(state);
        close();
        void fallBack();
      },
    });
  };
  const fallBack = async () => {
    const session = await currentSession(api).catch(() => undefined);
    if (session === null) {
      location.assign(pageUrl(config.base, 'sign-in', { next: location.pathname }));
      return;
    }
    showState('polling');
    if (!poll) {
      void load();
      poll = setInterval(() => void load(), POLL_MS);
    }
    setTimeout(connect, REOPEN_MS);
  };
  connect();
  setInterval(() => tick(root), 1000);

  const toggle = $<HTMLButtonElement>('[data-sound-toggle]');
  const showSound = () => {
    toggle.setAttribute('aria-pressed', String(chime.enabled));
    $('[data-sound-label]', toggle).textContent = chime.enabled ? 'Sound on' : 'Sound off';
  };
  toggle.addEventListener('click', () => {
    chime.enabled = !chime.enabled;
    rememberSound(localStorage, chime.enabled);
    showSound();
  });
  showSound();
}
