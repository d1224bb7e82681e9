import type { Availability, Menu } from '@repo/contracts';
import { el } from '@repo/site-kit/dom';
import { type ConsoleApi, clientPath } from '../../lib/api.ts';

/**
 * The sold-out switches, one checkbox per dish and per option (ticked: sold out). A change is
 * sent at once; a refusal puts the box back and says why.
 */
export function renderSoldOut(
  root: HTMLElement,
  menu: Menu,
  availability: Availability,
  send: (kind: 'item' | 'option', id: string, soldOut: boolean) => Promise<Availability | null>,
): void {
  const soldItems = new Set(availability.sold_out.items);
  const soldOptions = new Set(availability.sold_out.options);
  const box = (kind: 'item' | 'option', id: string, label: string, checked: boolean) => {
    const inputId = `soldout-${kind}-${id}`;
    const input = el('input', { type: 'checkbox', id: inputId, 'data-kind': kind, 'data-id': id });
    input.checked = checked;
    input.addEventListener('change', async () => {
      input.disabled = true;
      const answer = await send(kind, id, input.checked);
      input.disabled = false;
      if (!answer) input.checked = !input.checked;
    });
    return el('label', { class: 'choice', for: inputId }, input, label);
  };
  root.replaceChildren(
    ...menu.categories.map((category) =>
      el(
        'fieldset',
        {},
        el('legend', { text: category.name }),
        el(
          'ul',
          {},
          ...category.items.map((item) => {
            const row = el('li', {}, box('item', item.id, `${item.name} sold out`, soldItems.has(item.id)));
            const options = item.modifier_groups.flatMap((group) => group.modifiers);
            if (options.length)
              row.append(
                el(
                  'ul',
                  { class: 'options' },
                  ...options.map((option) =>
                    el(
                      'li',
                      {},
                      box(
                        'option',
                        option.id,
                        `${item.name}: ${option.name} sold out`,
                        soldOptions.has(option.id),
                      ),
                    ),
                  ),
                ),
              );
            return row;
          }),
        ),
      ),
    ),
  );
}

export function markSoldOut(
  api: ConsoleApi,
  slug: string,
  kind: 'item' | 'option',
  id: string,
  soldOut: boolean,
): Promise<Availability> {
  return api.request('PATCH', clientPath(slug, `menu/${kind}s/${encodeURIComponent(id)}`), {
    body: { available: !soldOut },
  });
}
