import request from 'supertest';
import type { Express } from 'express';
import { unusedTotpCode } from './two-factor';

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
}

/** A cookie-keeping visitor who opens a form page and gets its CSRF token, as a browser would. */
export async function visitorWithForm(app: Express, formPath: string, headers: Record<string, string> = {}) {
  const agent = request.agent(app);
  const page = await agent.get(formPath).set(headers).expect(200);
  return { agent, csrf: csrfTokenIn(page.text) };
}

/** Set-Cookie headers of a response as a list (supertest types them as a string). */
export function setCookiesOf(response: { headers: Record<string, unknown> }): string[] {
  const value = response.headers['set-cookie'];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/**
 * An agent logged in as the user, holding a CSRF token from a page opened after login. When
 * the login asks for a TOTP code (staff built by buildUser), the helper enters a fresh one.
 * Staff built with `totp: false` stay logged in without it (staff pages send them to setup).
 */
export async function loggedInAgent(app: Express, user: { email: string; password: string }, tokenPage = '/') {
  const { agent, csrf } = await visitorWithForm(app, '/login');
  const login = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password }).expect(303);
  if (login.headers.location === '/login/two-factor') {
    const step = await agent.get('/login/two-factor').expect(200);
    await agent
      .post('/login/two-factor')
      .type('form')
      .send({ _csrf: csrfTokenIn(step.text), code: await unusedTotpCode(user.email) })
      .expect(303);
  }
  const page = await agent.get(tokenPage).expect(200);
  return { agent, csrf: csrfTokenIn(page.text) };
}

/** Sends an upload form as the browser does: its CSRF token in the query (the multipart body is read after the check), the other fields in the body. */
export function uploadForm(post: request.Test, { _csrf, ...fields }: Record<string, string | string[]>): request.Test {
  for (const [name, value] of Object.entries(fields)) for (const item of ([] as string[]).concat(value)) post.field(name, item);
  return post.query({ _csrf });
}
