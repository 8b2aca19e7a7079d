import { cacheableIdeaAnswer } from '../../server/ideas/ideas.cache';

const answer = (url: string) => {
  const parsed = new URL(url, 'http://kopa.invalid');
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of parsed.searchParams) {
    const before = query[name];
    query[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return cacheableIdeaAnswer(parsed.pathname, query);
};

describe('the normalised address of a cacheable idea answer', () => {
  it.each([
    ['/', '/'],
    ['/?junk=1&lang=xx', '/'],
    ['/?bbox=1,2,3,4', '/'],
    ['/?category=heritage&consultation=3', '/?consultation=3&category=heritage'],
    ['/ideas', '/ideas'],
    ['/ideas?page=1&sort=newest', '/ideas'],
    ['/ideas?sort=supported&page=2&category=heritage', '/ideas?category=heritage&sort=supported&page=2'],
    ['/ideas?consultation=&category=heritage&value=&status=&q=+a+b+&sort=newest', '/ideas?category=heritage&q=a+b'],
    ['/ideas?page=2&page=3', '/ideas?page=2'],
    ['/api/ideas.geojson?bbox=26.40,55.8,26.7,55.960&utm=x', '/api/ideas.geojson?bbox=26.4%2C55.8%2C26.7%2C55.96'],
    ['/ideas/12?junk=1', '/ideas/12'],
    ['/ideas/12?original=1', '/ideas/12?original=1'],
    ['/api/ideas/12?x=y', '/api/ideas/12'],
  ])('%s → %s', (url, normalised) => {
    expect(answer(url)?.url).toBe(normalised);
  });

  it.each(['/ideas?page=0', '/ideas?sort=oldest', '/api/ideas.geojson?bbox=26.7,55.8,26.4,55.96', '/?status=finished', '/ideas/abc', '/ideas/new', '/ideas/12?commentPage=2', '/ideas/12/edit', '/login', '/api/ideas/12.json'])(
    'does not cache %s',
    (url) => {
      expect(answer(url)).toBeUndefined();
    },
  );

  it('names what each answer depends on, and which pages change with the day', () => {
    expect(answer('/')).toMatchObject({ dependsOn: ['reference', 'ideas'], daily: true });
    expect(answer('/ideas?q=x')).toMatchObject({ dependsOn: ['ideas'], daily: true });
    expect(answer('/ideas/7')).toMatchObject({ dependsOn: ['idea:7'], daily: true });
    expect(answer('/api/ideas/7')).toMatchObject({ dependsOn: ['idea:7'], daily: false });
    expect(answer('/api/ideas.geojson?bbox=26.4,55.8,26.7,55.96')).toMatchObject({ dependsOn: ['points'], daily: false });
    expect(answer('/api/ideas.geojson?q=bench')).toMatchObject({ dependsOn: ['points', 'ideas'], daily: false });
  });
});
