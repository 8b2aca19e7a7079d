/** Logging in to a running Kopā process over HTTP with fetch (process tests, the drill). */
import { csrfTokenIn } from './forms';

export const sessionCookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((pair) => pair.startsWith('kopa.sid='));

/** A resident logged in through one process: the session cookie and a CSRF token. */
export async function logIn(url: string, user: { email: string; password: string }): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${url}/login`);
  let cookie = sessionCookieOf(form.headers) ?? '';
  const login = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfTokenIn(await form.text()), email: user.email, password: user.password }),
  });
  cookie = sessionCookieOf(login.headers) ?? cookie;
  const page = await fetch(`${url}/ideas/new`, { headers: { cookie } });
  return { cookie, csrf: csrfTokenIn(await page.text()) };
}
