import { loadConfig } from '../../server/config';

describe('CACHE_MAX_MB', () => {
  it.each([
    [undefined, 32 * 1024 * 1024],
    ['0', 0],
    ['0.5', 512 * 1024],
    ['64', 64 * 1024 * 1024],
  ])('%j gives a cache of %i bytes', (value, bytes) => {
    expect(loadConfig(value === undefined ? {} : { CACHE_MAX_MB: value }).cacheMaxBytes).toBe(bytes);
  });

  it.each([
    ['lots', 'must be a number of megabytes'],
    ['-1', 'must be 0 (off) or more'],
    ['5000', 'must be at most 4096'],
  ])('refuses %j in one line', (value, problem) => {
    expect(() => loadConfig({ CACHE_MAX_MB: value })).toThrow(`Invalid configuration: CACHE_MAX_MB ${problem} (got "${value}")`);
  });
});
