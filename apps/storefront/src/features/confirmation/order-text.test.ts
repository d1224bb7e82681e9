import { readyText } from './confirmation-view.ts';

const time = /^\d{1,2}:\d{2}\s(AM|PM)$/u;
const dayAndTime = /^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2}\s(AM|PM)$/u;

describe('readyText', () => {
  it('when the order is ready today, then only the time is shown', () => {
    const soon = new Date();
    soon.setHours(12, 30, 0, 0);
    expect(readyText({ scheduled_time: null, estimated_ready_at: soon.toISOString() })).toMatch(time);
  });

  it('when the order is scheduled for another day, then the day is shown with the time', () => {
    const later = new Date(Date.now() + 3 * 24 * 60 * 60_000).toISOString();
    expect(readyText({ scheduled_time: later, estimated_ready_at: new Date().toISOString() })).toMatch(
      dayAndTime,
    );
  });

  it('when the API has no time for the order, then nothing is shown', () => {
    expect(readyText({ scheduled_time: null, estimated_ready_at: null })).toBe('');
  });
});
