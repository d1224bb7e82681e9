import { databaseErrorClass, isRetryableDatabaseError } from './database-errors.ts';

const coded = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('databaseErrorClass', () => {
  it.each([
    ['a value the column cannot hold', coded('22P02'), 'data'],
    ['a serialization failure', coded('40001'), 'contention'],
    ['a lock wait that timed out', coded('55P03'), 'contention'],
    ['a server shutting down (pg_ctl -m fast)', coded('57P01'), 'unavailable'],
    ['a server still starting up', coded('57P03'), 'unavailable'],
    ['a connection exception', coded('08006'), 'unavailable'],
    ['a refused connection', coded('ECONNREFUSED'), 'unavailable'],
    ['a reset socket (pg_ctl -m immediate)', coded('ECONNRESET'), 'unavailable'],
    ['a connection pg saw end', new Error('Connection terminated unexpectedly'), 'unavailable'],
    [
      'a client pg already gave up on',
      new Error('Client has encountered a connection error and is not queryable'),
      'unavailable',
    ],
    [
      'a pool that waited too long for a connection',
      new Error('timeout exceeded when trying to connect'),
      'unavailable',
    ],
    ['a unique violation', coded('23505'), null],
    ['a bug', new TypeError('x is undefined'), null],
  ])('when the error is %s, then it is %s', (_name, error, expected) => {
    expect(databaseErrorClass(error)).toBe(expected);
    expect(isRetryableDatabaseError(error)).toBe(expected === 'contention' || expected === 'unavailable');
  });
});
