/**
 * Walks a running production server as a visitor behind a TLS-terminating proxy would:
 * health, the map page (and every asset it links), the list, an idea, registering, logging out
 * and in again. Exits non-zero at the first answer that is not what a person would get.
 * Usage: node production-image-check.js http://127.0.0.1:PORT
 */
import assert from 'node:assert/strict';

const base = process.argv[2];
if (!base) throw new Error('usage: production-image-check.js BASE_URL');

// What the trusted proxy in front of the app adds: the app then sets Secure cookies.
const proxyHeaders = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };
const cookies = new Map<string, string>();

async function visit(path: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ status: number; location: string | null; text: string; setCookies: string[] }> {
  const headers: Record<string, string> = { ...proxyHeaders, 'Accept-Language': 'en' };
  if (cookies.size > 0) headers.Cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(new URL(path, base), {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    headers,
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    redirect: 'manual',
  });
  const setCookies = response.headers.getSetCookie();
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const result = { status: response.status, location: response.headers.get('location'), text: await response.text(), setCookies };
  console.log(`${init.method ?? (init.form ? 'POST' : 'GET')} ${path} → ${result.status}${result.location ? ` ${result.location}` : ''}`);
  return result;
}

function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the form has a CSRF token');
  return match[1];
}

function assertAllSecure(setCookies: string[], what: string) {
  assert.ok(setCookies.length > 0, `${what} sets a cookie`);
  for (const line of setCookies) assert.ok(/;\s*Secure/i.test(line), `${what}: cookie without Secure behind the https proxy: ${line.split('=')[0]}`);
}

/** Every stylesheet, script and image the page links from this site answers 200. */
async function assertAssetsServed(html: string) {
  const assets = [...html.matchAll(/(?:src|href)="(\/(?:static|vendor)\/[^"]+)"/g)].map((match) => match[1].replaceAll('&amp;', '&'));
  assert.ok(assets.length > 0, 'the page links its assets');
  for (const asset of new Set(assets)) assert.equal((await visit(asset)).status, 200, `asset ${asset}`);
}

async function main() {
  const health = await visit('/healthz');
  assert.equal(health.status, 200);
  assert.deepEqual(JSON.parse(health.text), { status: 'ok' });

  const map = await visit('/');
  assert.equal(map.status, 200);
  assert.ok(map.text.includes('id="ideas-map"'), 'the map page has its map');
  await assertAssetsServed(map.text);

  const list = await visit('/ideas');
  assert.equal(list.status, 200);
  const ideaPath = /href="(\/ideas\/\d+)"[^>]*>/.exec(list.text)?.[1];
  assert.ok(ideaPath, 'the list links an idea (the demo content is seeded)');
  const idea = await visit(ideaPath);
  assert.equal(idea.status, 200);
  assert.ok(/<h1[^>]*>[^<]+/.test(idea.text), 'the idea page has a title');

  const email = `image-check-${Date.now()}@example.org`;
  const password = 'a long image check password 42';
  const registerPage = await visit('/register');
  assert.equal(registerPage.status, 200);
  assertAllSecure(registerPage.setCookies, 'the register page');
  const registered = await visit('/register', {
    form: { _csrf: csrfTokenIn(registerPage.text), displayName: 'Image Check', email, password, preferredLocale: 'en' },
  });
  assert.equal(registered.status, 303, 'registering redirects');
  assertAllSecure(registered.setCookies, 'registering');

  const home = await visit('/');
  assert.equal((await visit('/logout', { form: { _csrf: csrfTokenIn(home.text) } })).status, 303);
  assert.equal((await visit('/account')).status, 303, 'logged out: the account page sends to the login');

  const loginPage = await visit('/login');
  const loggedIn = await visit('/login', { form: { _csrf: csrfTokenIn(loginPage.text), email, password } });
  assert.equal(loggedIn.status, 303, 'logging in redirects');
  assertAllSecure(loggedIn.setCookies, 'logging in');
  const account = await visit('/account');
  assert.equal(account.status, 200, 'logged in: the account page opens');
  assert.ok(account.text.includes(email), 'the account page shows the email');
  console.log('production image check: all answers as expected');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
