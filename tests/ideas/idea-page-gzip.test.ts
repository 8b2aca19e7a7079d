import zlib from 'node:zlib';
import { csrfSlot, filledPage, filledPageGzip, panelSlots, slotTemplateOf, standInResident } from '../../server/ideas/idea-page-slots';
import type { SessionUser } from '../../server/auth/session-user';

const standIn = standInResident('en');
const shared = '<p>Benches &lt;script&gt; '.repeat(200);
const html =
  `<html>${shared}<a href="/users/${standIn.id}">${standIn.displayName}</a>${shared}` +
  `<form><input name="_csrf" value="${csrfSlot()}"></form>${panelSlots.support}${shared}${panelSlots.follow}<footer>${shared}</footer></html>`;
const template = slotTemplateOf(html);
const user = { ...standIn, id: 42, displayName: 'Anna <script>alert("a")</script> & Co' } as SessionUser;
const person = (csrf: string, support = '<button aria-pressed="true">Support</button>') => ({
  user,
  csrf,
  support,
  follow: '<form action="/ideas/1/follow"></form>',
});

describe('a logged-in idea page, gzipped without compressing its personal parts', () => {
  it('decodes to exactly the plain page, for each person', () => {
    for (const csrf of ['token-one', 'token-two-"quoted"']) {
      const gzipped = filledPageGzip(template, person(csrf));
      expect(zlib.gunzipSync(gzipped).toString()).toBe(filledPage(template, person(csrf)));
      expect(gzipped.length).toBeLessThan(Buffer.byteLength(filledPage(template, person(csrf))) / 4);
    }
  });

  it('carries the token and the name as they are, in stored blocks, so their compressed length tells nothing', () => {
    const gzipped = filledPageGzip(template, person('SECRET-csrf-TOKEN-value'));
    expect(gzipped.includes(Buffer.from('SECRET-csrf-TOKEN-value'))).toBe(true);
    expect(gzipped.includes(Buffer.from('Anna &lt;script&gt;alert(&#34;a&#34;)&lt;/script&gt; &amp; Co'))).toBe(true);
    // A token that repeats the shared text compresses no better than any other of its length.
    const echo = filledPageGzip(template, person('Benches abcdefgh'));
    const other = filledPageGzip(template, person('xq7Zk2pW9vB4mN1c'));
    expect(echo.length).toBe(other.length);
  });

  it('splits a personal part longer than a stored block can hold', () => {
    const long = '<p>é</p>'.repeat(20_000);
    const gzipped = filledPageGzip(template, person('t', long));
    expect(zlib.gunzipSync(gzipped).toString()).toBe(filledPage(template, person('t', long)));
  });
});
