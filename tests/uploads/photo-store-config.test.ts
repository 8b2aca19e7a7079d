import { loadConfig } from '../../server/config';

describe('PHOTO_STORE', () => {
  const postgres = { DATABASE_URL: 'postgres://kopa@127.0.0.1:5432/kopa' };

  it.each([
    ['the embedded database', {}, 'disk'],
    ['PostgreSQL', postgres, 'database'],
    ['the embedded database, asked for the database', { PHOTO_STORE: 'database' }, 'database'],
    ['PostgreSQL, asked for the disk', { ...postgres, PHOTO_STORE: 'disk' }, 'disk'],
    ['PostgreSQL, an empty value', { ...postgres, PHOTO_STORE: '' }, 'database'],
  ])('on %s is %s', (_case, env, store) => {
    expect(loadConfig(env).photoStore).toBe(store);
  });

  it.each(['s3', 'Database', 'DISK', 'files'])('refuses %j in one line', (value) => {
    expect(() => loadConfig({ PHOTO_STORE: value })).toThrow(`Invalid configuration: PHOTO_STORE must be database or disk (got "${value}")`);
  });
});
