import { createTestApp, type TestApp } from '../helpers/test-app';
import { loggedInAgent, visitorWithForm } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp({ rateLimits: { loginPerIp: 50, registerPerIp: 50, registerPerEmail: 50, registerTakenPerIp: 50 } });
});
afterAll(() => testApp.close());

/** The error summary's links: href target and text, in order. */
function summaryLinksIn(html: string): { target: string; text: string }[] {
  const summary = /<div class="form-error" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map(([, target, text]) => ({ target, text }));
}

describe('the error summary of a form', () => {
  it.each(['en', 'lv', 'ru'])('lists both bad fields as links to their fields (%s)', async (locale) => {
    const { agent, csrf } = await visitorWithForm(testApp.app, `/register?lang=${locale}`);
    const response = await agent
      .post('/register')
      .type('form')
      .send({ _csrf: csrf, displayName: '', email: 'not an email', password: 'a long enough password 123', preferredLocale: locale })
      .expect(422);
    const links = summaryLinksIn(response.text);
    expect(links.map((link) => link.target).sort()).toEqual(['displayName', 'email']);
    for (const { target, text } of links) {
      // Each link goes to a field on the page and repeats the message shown beside it.
      expect(response.text).toContain(`id="${target}"`);
      expect(text.trim()).not.toBe('');
      expect(response.text).toContain(`<p class="field-error" id="${target}-error">${text}</p>`);
    }
    // What was typed is kept, the password is not.
    expect(response.text).toContain('value="not an email"');
    expect(response.text).not.toContain('a long enough password 123');
  });

  it('links a problem of a group of choices to its first choice', async () => {
    const reporter = await buildUser(testApp.db, { preferredLocale: 'en' });
    const ideaId = await buildIdea(testApp.db, { consultationId: await buildConsultation(testApp.db), authorId: (await buildUser(testApp.db)).id });
    const { agent, csrf } = await loggedInAgent(testApp.app, reporter, `/ideas/${ideaId}/report`);
    const response = await agent.post(`/ideas/${ideaId}/report`).type('form').send({ _csrf: csrf, reason: 'bored', details: 'x'.repeat(501) }).expect(422);
    expect(summaryLinksIn(response.text).map((link) => link.target)).toEqual(['reason-spam', 'details']);
    expect(response.text).toContain('id="reason-spam"');
    expect(response.text).toContain('id="details"');
  });
});
