import type { Availability } from '@repo/contracts';
import { zoneTime } from './zone-time.ts';

/** Whether the diner can order for as soon as possible right now. */
export const takesAsap = (availability: Availability): boolean => availability.asap_ready_at !== null;

/** The banner over the menu and checkout, or null while the restaurant takes orders. */
export function bannerText(availability: Availability, now = new Date()): string | null {
  const zone = availability.timezone;
  if (availability.paused_until)
    return `The kitchen is busy: online ordering is paused until ${zoneTime(availability.paused_until, zone, now)}. You can still schedule an order for later.`;
  if (availability.open_now) return null;
  if (!availability.next_opening) return 'We are closed and not taking orders this week.';
  return `We are closed. Opens ${zoneTime(availability.next_opening, zone, now)}. You can schedule an order for later.`;
}

export interface NamedLine {
  menu_item_id: string;
  name: string;
  choices: { modifiers: { id: string; name: string }[] }[];
}

/** The cart lines that can no longer be made, each with what sold out in it. */
export function soldOutLines<L extends NamedLine>(
  lines: readonly L[],
  availability: Pick<Availability, 'sold_out'>,
): { line: L; names: string[] }[] {
  const items = new Set(availability.sold_out.items);
  const options = new Set(availability.sold_out.options);
  return lines.flatMap((line) => {
    const chosen = line.choices.flatMap((choice) => choice.modifiers);
    const names = [
      ...(items.has(line.menu_item_id) ? [line.name] : []),
      ...chosen.filter((option) => options.has(option.id)).map((option) => `${option.name} (${line.name})`),
    ];
    return names.length > 0 ? [{ line, names }] : [];
  });
}
