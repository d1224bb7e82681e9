import type { OrderList } from '@repo/contracts';
import { zoneDay } from '@repo/contracts/browser';
import { $ } from '@repo/site-kit/dom';
import { clientPath } from '../../lib/api.ts';
import { type ConsoleContext, startPage } from '../../lib/page.ts';
import { addDays, dayLabel } from '../../lib/time.ts';
import { type HistorySearch, listQueryOf, searchFromUrl } from './history-query.ts';
import { orderRow } from './order-rows.ts';

export async function startOrdersPage(): Promise<void> {
  const context = await startPage();
  if (context) runOrdersPage(context);
}

function runOrdersPage(context: ConsoleContext): void {
  const { api, config, restaurant } = context;
  const form = $<HTMLFormElement>('[data-search-form]');
  const rows = $('[data-rows]');
  const more = $<HTMLButtonElement>('[data-more]');
  const summary = $('[data-results-summary]');
  const error = $('[data-results-error]');
  const today = zoneDay(Date.now(), restaurant.timezone);
  let search = searchFromUrl(new URLSearchParams(location.search), today);
  let cursor: string | null = null;
  let shown = 0;

  const fill = (values: HistorySearch) => {
    $<HTMLInputElement>('[name=q]', form).value = values.q;
    $<HTMLInputElement>('[name=day]', form).value = values.day;
    $<HTMLSelectElement>('[name=status]', form).value = values.status;
  };
  const read = (): HistorySearch => {
    const data = new FormData(form);
    return {
      q: String(data.get('q') ?? ''),
      day: String(data.get('day') ?? ''),
      status: String(data.get('status') ?? '') as HistorySearch['status'],
    };
  };
  const describe = () => {
    const parts = [
      search.q.trim() ? `matching “${search.q.trim()}”` : '',
      search.day ? `placed ${search.day === today ? 'today' : `on ${dayLabel(search.day)}`}` : 'on any day',
    ].filter(Boolean);
    return `${shown} order${shown === 1 ? '' : 's'} ${parts.join(', ')}${cursor ? ' so far' : ''}.`;
  };

  const load = async (append: boolean) => {
    error.textContent = '';
    more.disabled = true;
    try {
      const query = listQueryOf(search, restaurant.timezone, append ? cursor : null);
      const page: OrderList = await api.get(clientPath(restaurant.slug, `orders?${query}`));
      const built = page.data.map((order) => orderRow(order, config.base, restaurant.timezone));
      if (append) rows.append(...built);
      else rows.replaceChildren(...built);
      shown = (append ? shown : 0) + page.data.length;
      cursor = page.next_cursor;
      $('[data-results]').hidden = shown === 0;
      more.hidden = !cursor;
      summary.textContent = describe();
      if (append) built[0]?.querySelector('a')?.focus();
    } catch (failure) {
      error.textContent = context.sentence(failure);
    } finally {
      more.disabled = false;
    }
  };

  const run = (next: HistorySearch) => {
    search = next;
    fill(search);
    const params = new URLSearchParams({ ...(search.q ? { q: search.q } : {}), day: search.day });
    if (search.status) params.set('status', search.status);
    history.replaceState(null, '', `${location.pathname}?${params}`);
    void load(false);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(read());
  });
  for (const button of form.querySelectorAll<HTMLButtonElement>('[data-day-step]'))
    button.addEventListener('click', () => {
      const current = read();
      run({ ...current, day: addDays(current.day || today, Number(button.dataset.dayStep)) });
    });
  more.addEventListener('click', () => void load(true));
  run(search);
}
