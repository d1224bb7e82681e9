import { listQueryOf, searchFromUrl } from './history-query.ts';

describe('listQueryOf', () => {
  it("when a day is chosen, then the list is asked for that day on the restaurant's clock", () => {
    const query = listQueryOf({ q: '', day: '2026-11-26', status: '' }, 'America/New_York');
    expect(Object.fromEntries(query)).toEqual({
      limit: '25',
      created_from: '2026-11-26T05:00:00.000Z',
      created_to: '2026-11-27T05:00:00.000Z',
    });
  });

  it('when searching every day for a name with a status, the next page carries the cursor and the same filters', () => {
    const query = listQueryOf({ q: '  lovelace ', day: '', status: 'completed' }, 'UTC', 'abc_-1');
    expect(Object.fromEntries(query)).toEqual({
      limit: '25',
      q: 'lovelace',
      status: 'completed',
      cursor: 'abc_-1',
    });
  });
});

describe('searchFromUrl', () => {
  it('when the page opens without a day, then it shows today; an emptied day means every day', () => {
    expect(searchFromUrl(new URLSearchParams(''), '2026-11-26')).toEqual({
      q: '',
      day: '2026-11-26',
      status: '',
    });
    expect(searchFromUrl(new URLSearchParams('q=ada&day='), '2026-11-26')).toEqual({
      q: 'ada',
      day: '',
      status: '',
    });
    expect(searchFromUrl(new URLSearchParams('day=2026-11-20&status=ready'), '2026-11-26')).toEqual({
      q: '',
      day: '2026-11-20',
      status: 'ready',
    });
  });
});
