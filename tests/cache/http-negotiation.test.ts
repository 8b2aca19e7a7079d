import { ifNoneMatchMatches, preferredCoding } from '../../server/cache/http-negotiation';

describe('preferredCoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['x-gzip', 'gzip'],
    ['GZIP;Q=0.5, BR;q=0.4', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=1.0, gzip;q=1', 'br'],
    ['*', 'br'],
    ['*;q=0.5, identity', 'identity'],
    ['gzip;q=0, br;q=0, identity;q=0', 'identity'],
    ['*;q=0', 'identity'],
    ['identity;q=0', 'identity'],
    ['gzip, identity;q=0', 'gzip'],
    ['br;q=abc, gzip;q=2', 'identity'],
    ['deflate', 'identity'],
    [';;,,', 'identity'],
  ])('%j → %s', (header, expected) => {
    expect(preferredCoding(header)).toBe(expected);
  });
});

describe('ifNoneMatchMatches', () => {
  const etag = '"abc-123_X"';
  it.each([
    ['"abc-123_X"', true],
    ['W/"abc-123_X"', true],
    ['"other", W/"abc-123_X" ,"more"', true],
    ['*', true],
    [' * ', true],
    ['"other"', false],
    ['abc-123_X', false],
    ['"abc-123_X', false],
    ['"abc-123_X" junk', false],
    ['"abc-123_X", *', false],
    [undefined, false],
    ['', false],
    [`${'"x", '.repeat(2000)}"abc-123_X"`, false],
  ])('%j → %s', (header, expected) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(expected);
  });
});
