import type { Availability, HoursView } from '@repo/contracts';
import { $ } from '@repo/site-kit/dom';
import { clientPath } from '../../lib/api.ts';
import { type ConsoleContext, startPage } from '../../lib/page.ts';
import { roleAllows } from '../../lib/session.ts';
import { addClosure, readHours, renderHours } from './hours-editor.ts';
import { orderingText } from './ordering-text.ts';
import { markSoldOut, renderSoldOut } from './sold-out.ts';

export async function startRestaurantPage(): Promise<void> {
  const context = await startPage();
  if (context) void runRestaurantPage(context);
}

async function runRestaurantPage(context: ConsoleContext): Promise<void> {
  const { api, restaurant } = context;
  const slug = restaurant.slug;
  const state = $('[data-ordering-state]');
  const orderingError = $('[data-ordering-error]');
  const resume = $<HTMLButtonElement>('[data-resume]');
  const pauseForm = $<HTMLFormElement>('[data-pause-form]');
  const soldOutError = $('[data-soldout-error]');

  const showAvailability = (availability: Availability) => {
    state.textContent = orderingText(availability);
    resume.hidden = availability.paused_until === null;
  };
  const ordering = async (run: () => Promise<Availability>, button: HTMLButtonElement) => {
    orderingError.textContent = '';
    button.disabled = true;
    try {
      showAvailability(await run());
    } catch (error) {
      orderingError.textContent = context.sentence(error);
    } finally {
      button.disabled = false;
    }
  };
  pauseForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const minutes = Number(new FormData(pauseForm).get('minutes'));
    void ordering(
      () => api.request('POST', clientPath(slug, 'pause'), { body: { minutes } }),
      $<HTMLButtonElement>('button[type=submit]', pauseForm),
    );
  });
  resume.addEventListener(
    'click',
    () =>
      void ordering(() => api.request('POST', clientPath(slug, 'resume'), { body: {} }), resume).then(() =>
        $<HTMLButtonElement>('button[type=submit]', pauseForm).focus(),
      ),
  );

  try {
    const availability = await api.get<Availability>(clientPath(slug, 'availability'));
    showAvailability(availability);
    renderSoldOut($('[data-soldout]'), restaurant.menu, availability, async (kind, id, soldOut) => {
      soldOutError.textContent = '';
      try {
        const next = await markSoldOut(api, slug, kind, id, soldOut);
        showAvailability(next);
        return next;
      } catch (error) {
        soldOutError.textContent = context.sentence(error);
        return null;
      }
    });
  } catch (error) {
    state.textContent = '';
    orderingError.textContent = context.sentence(error);
  }
  await hoursSection(context);
}

async function hoursSection(context: ConsoleContext): Promise<void> {
  const { api, restaurant } = context;
  const form = $<HTMLFormElement>('[data-hours-form]');
  const error = $('[data-form-error]', form);
  const done = $('[data-hours-done]', form);
  const mayEdit = roleAllows(context.session.staff.role, 'manager');
  $('[data-hours-role]').hidden = mayEdit;
  $('[data-hours-zone]').textContent = `Times are on the restaurant's clock (${restaurant.timezone}).`;
  try {
    const view = await api.get<HoursView>(clientPath(restaurant.slug, 'hours'));
    renderHours(form, view.hours);
    form.hidden = false;
  } catch (failure) {
    error.textContent = context.sentence(failure);
    form.hidden = false;
    return;
  }
  const always = $<HTMLInputElement>('[data-always-open]', form);
  always.addEventListener('change', () => {
    $('[data-hours-days]', form).hidden = always.checked;
  });
  $('[data-add-closure]', form).addEventListener('click', () => addClosure(form));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    done.textContent = '';
    const button = $<HTMLButtonElement>('button[type=submit]', form);
    button.disabled = true;
    try {
      const saved = await api.request<HoursView>('PUT', clientPath(restaurant.slug, 'hours'), {
        body: { hours: readHours(form) },
      });
      renderHours(form, saved.hours);
      done.textContent = 'The opening hours are saved.';
    } catch (failure) {
      error.textContent = context.sentence(failure);
    } finally {
      button.disabled = false;
    }
  });
}
