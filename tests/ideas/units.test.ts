import { plainTextWithLinks } from '../../server/http/plain-text';
import { locationProblem, type Bounds } from '../../server/ideas/location';
import { mayEditIdea, mayViewIdea } from '../../server/ideas/ideas.policy';
import { acceptsIdeas } from '../../server/consultations/consultations.policy';

const daugavpils: Bounds = [26.4, 55.8, 26.7, 55.96];

describe('plainTextWithLinks', () => {
  it('escapes everything and links only http(s) and mailto', () => {
    expect(plainTextWithLinks('<script>x</script> javascript:alert(1) see http://a.lv/?q=<b>')).toBe(
      '&lt;script&gt;x&lt;/script&gt; javascript:alert(1) see <a href="http://a.lv/?q=" rel="nofollow ugc noopener" target="_blank">http://a.lv/?q=</a>&lt;b&gt;',
    );
    expect(plainTextWithLinks('write to dome@daugavpils.lv')).toBe('write to dome@daugavpils.lv');
    expect(plainTextWithLinks('"quoted" & \'single\'')).toBe('&quot;quoted&quot; &amp; &#39;single&#39;');
  });
});

describe('locationProblem', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[26.5, 55.85], [26.55, 55.85], [26.55, 55.9], [26.5, 55.9], [26.5, 55.85]]] };
  it.each([
    [null, 55.8747, 26.5362, undefined],
    [null, 56.9496, 24.1052, 'ideas:validation.outsideCity'],
    [null, 26.5362, 55.8747, 'ideas:validation.locationSwapped'],
    [square, 55.87, 26.52, undefined],
    [square, 55.87, 26.6, 'ideas:validation.outsideArea'],
  ])('area %j, %d, %d → %s', (area, latitude, longitude, expected) => {
    expect(locationProblem(area, daugavpils, latitude, longitude)).toBe(expected);
  });
});

describe('idea policy', () => {
  const author = { id: 1, role: 'resident' as const };
  const other = { id: 2, role: 'resident' as const };
  const moderator = { id: 3, role: 'moderator' as const };
  it.each([
    [author, 'new', true],
    [author, 'under_review', false],
    [other, 'new', false],
    [moderator, 'new', false],
    [undefined, 'new', false],
  ] as const)('may %j edit an idea that is %s? %s', (person, status, expected) => {
    expect(mayEditIdea(person, { authorId: 1, status, visibility: 'published' }, 'post')).toBe(expected);
  });
  it.each([
    [undefined, 'published', true],
    [undefined, 'pending', false],
    [other, 'hidden', false],
    [author, 'hidden', true],
    [moderator, 'pending', true],
  ] as const)('may %j see an idea that is %s? %s', (person, visibility, expected) => {
    expect(mayViewIdea(person, { authorId: 1, visibility })).toBe(expected);
  });
});

describe('acceptsIdeas', () => {
  const dates = { startsOn: '2026-03-01', endsOn: '2026-05-31' };
  it.each([
    ['collecting', '2026-04-01T12:00:00Z', true],
    ['collecting', '2026-05-31T20:59:00Z', true],
    ['collecting', '2026-05-31T21:30:00Z', false],
    ['collecting', '2026-02-28T12:00:00Z', false],
    ['voting', '2026-04-01T12:00:00Z', false],
    ['closed', '2026-04-01T12:00:00Z', false],
  ] as const)('%s on %s → %s (days in Riga time)', (phase, now, expected) => {
    expect(acceptsIdeas({ phase, ...dates }, new Date(now))).toBe(expected);
  });
});
