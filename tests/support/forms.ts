import request from 'supertest';
import type { Express } from 'express';

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

/** An agent logged in as the user, holding a CSRF token from a page opened after login. */
export async function loggedInAgent(app: Express, user: { email: string; password: string }, tokenPage = '/') {
  const { agent, csrf } = await visitorWithForm(app, '/login');
  await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password }).expect(303);
  const page = await agent.get(tokenPage).expect(200);
  return { agent, csrf: csrfTokenIn(page.text) };
}
