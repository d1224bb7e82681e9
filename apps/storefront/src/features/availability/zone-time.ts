/**
 * Times shown to the diner are read on the restaurant's clock, labelled with its zone, so that a
 * diner browsing from another zone still sees when the kitchen opens in the kitchen's own hours.
 */
export function zoneTime(iso: string, timeZone: string, now = new Date()): string {
  const at = new Date(iso);
  const sameDay = dayKey(at, timeZone) === dayKey(now, timeZone);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(sameDay ? {} : { weekday: 'short' }),
  });
  return format.format(at).replace(',', '');
}

/** A slot's label in a picker: the day and the time on the restaurant's clock. */
export function slotLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

function dayKey(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at);
}
