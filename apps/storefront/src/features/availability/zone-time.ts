import { zoneDay, zoneFormat } from '@repo/contracts/browser';

/**
 * Times shown to the diner are read on the restaurant's clock, labelled with its zone, so that a
 * diner browsing from another zone still sees when the kitchen opens in the kitchen's own hours.
 * A slot's label in a picker is `dateTime` from `@repo/contracts`: the day and the time there.
 */
export function zoneTime(iso: string, timeZone: string, now = new Date()): string {
  const at = new Date(iso);
  const sameDay = zoneDay(at, timeZone) === zoneDay(now, timeZone);
  const format = zoneFormat(timeZone, {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(sameDay ? {} : { weekday: 'short' }),
  });
  return format.format(at).replace(',', '');
}
