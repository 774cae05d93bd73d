import { QueryFailedError } from 'typeorm';
import { isConnectionFailure } from './connection-errors';

describe('isConnectionFailure', () => {
  const withCode = (code: string): Error => Object.assign(new Error('x'), { code });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['node-postgres losing its socket', new Error('Connection terminated unexpectedly')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['PostgreSQL shutting down (57P01)', withCode('57P01')],
    ['a connection exception class (08006)', withCode('08006')],
    ['ioredis with its connection closed', new Error('Connection is closed.')],
    [
      'TypeORM wrapping a lost connection',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
    ],
    ['an error caused by a refused connection', new Error('outer', { cause: withCode('ECONNREFUSED') })],
  ])('is true for %s', (_what, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('23505'))],
    ['a deadlock', new QueryFailedError('UPDATE', [], withCode('40P01'))],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('is false for %s', (_what, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});
