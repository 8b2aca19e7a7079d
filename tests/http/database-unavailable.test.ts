import { isDatabaseUnavailable } from '../../server/http/errors';

// What pg and knex throw while PostgreSQL restarts: each must become a 503 with Retry-After, not a 500.
describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ message: 'Connection terminated unexpectedly' }],
    [{ message: 'Connection ended unexpectedly' }],
    [{ message: 'Client has encountered a connection error and is not queryable' }],
    [{ name: 'KnexTimeoutError', message: 'Knex: Timeout acquiring a connection.' }],
  ])('%o is the database being away', (error) => {
    expect(isDatabaseUnavailable(Object.assign(new Error(error.message), error))).toBe(true);
  });

  it.each([[{ code: '23505', message: 'duplicate key value violates unique constraint' }], [{ message: 'Cannot read properties of undefined' }]])(
    '%o is a real failure',
    (error) => {
      expect(isDatabaseUnavailable(Object.assign(new Error(error.message), error))).toBe(false);
    },
  );
});
