import type { OpeningHours, OpeningRange, Weekday } from '@repo/contracts';
import { el } from '@repo/site-kit/dom';

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};
const DAYS = Object.keys(WEEKDAY_NAMES) as Weekday[];

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

function timeField(label: string, name: string, value: string): HTMLElement {
  const id = nextId(name);
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id, text: label }),
    el('input', { id, name, type: 'time', value, required: '' }),
  );
}

function rangeRow(day: Weekday, range: OpeningRange): HTMLElement {
  const row = el(
    'div',
    { class: 'range', 'data-range': day },
    timeField(`${WEEKDAY_NAMES[day]} opens`, 'open', range.open),
    timeField('closes', 'close', range.close),
  );
  const remove = el('button', { type: 'button', class: 'btn btn-quiet' }, 'Remove');
  remove.append(
    el('span', { class: 'sr-only', text: ` ${WEEKDAY_NAMES[day]} ${range.open}–${range.close}` }),
  );
  remove.addEventListener('click', () => {
    const add = row.parentElement?.querySelector<HTMLButtonElement>('[data-add-range]');
    row.remove();
    add?.focus();
  });
  row.append(remove);
  return row;
}

function closureRow(date = '', reason = ''): HTMLElement {
  const dateId = nextId('closure-date');
  const reasonId = nextId('closure-reason');
  const row = el(
    'li',
    { 'data-closure': '' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: dateId, text: 'Date' }),
      el('input', { id: dateId, name: 'date', type: 'date', value: date, required: '' }),
    ),
    el(
      'div',
      { class: 'field reason' },
      el('label', { for: reasonId, text: 'Reason (optional)' }),
      el('input', { id: reasonId, name: 'reason', type: 'text', value: reason, maxlength: '120' }),
    ),
  );
  const remove = el('button', { type: 'button', class: 'btn btn-quiet' }, 'Remove');
  remove.addEventListener('click', () => row.remove());
  row.append(remove);
  return row;
}

/** Fills the editor with the restaurant's hours (null: open at every hour). */
export function renderHours(form: HTMLFormElement, hours: OpeningHours | null): void {
  const always = form.querySelector<HTMLInputElement>('[data-always-open]');
  const days = form.querySelector<HTMLElement>('[data-hours-days]');
  const closures = form.querySelector<HTMLElement>('[data-closures]');
  if (!always || !days || !closures) return;
  always.checked = hours === null;
  days.replaceChildren(
    ...DAYS.map((day) => {
      const ranges = el('div', { 'data-day': day });
      for (const range of hours?.weekly[day] ?? []) ranges.append(rangeRow(day, range));
      const add = el('button', { type: 'button', class: 'btn', 'data-add-range': day }, 'Add opening hours');
      add.append(el('span', { class: 'sr-only', text: ` on ${WEEKDAY_NAMES[day]}` }));
      add.addEventListener('click', () => {
        const row = rangeRow(day, { open: '17:00', close: '22:00' });
        add.before(row);
        row.querySelector('input')?.focus();
      });
      ranges.append(add);
      return el('div', { class: 'day-row' }, el('h3', { text: WEEKDAY_NAMES[day] }), ranges);
    }),
  );
  closures.replaceChildren(...(hours?.closures ?? []).map((c) => closureRow(c.date, c.reason ?? '')));
  days.hidden = always.checked;
}

export function addClosure(form: HTMLFormElement): void {
  const row = closureRow();
  form.querySelector('[data-closures]')?.append(row);
  row.querySelector('input')?.focus();
}

/** The hours as the editor shows them, for `PUT …/hours`. */
export function readHours(form: HTMLFormElement): OpeningHours | null {
  if (form.querySelector<HTMLInputElement>('[data-always-open]')?.checked) return null;
  const weekly = Object.fromEntries(
    DAYS.map((day) => [
      day,
      [...form.querySelectorAll<HTMLElement>(`[data-range="${day}"]`)].map((row) => ({
        open: row.querySelector<HTMLInputElement>('[name=open]')?.value ?? '',
        close: row.querySelector<HTMLInputElement>('[name=close]')?.value ?? '',
      })),
    ]),
  ) as OpeningHours['weekly'];
  const closures = [...form.querySelectorAll<HTMLElement>('[data-closure]')].map((row) => {
    const reason = row.querySelector<HTMLInputElement>('[name=reason]')?.value.trim() ?? '';
    return {
      date: row.querySelector<HTMLInputElement>('[name=date]')?.value ?? '',
      ...(reason ? { reason } : {}),
    };
  });
  return { weekly, closures };
}
