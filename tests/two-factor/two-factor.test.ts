import request from 'supertest';
import { csrfTokenIn, loggedInAgent, visitorWithForm } from '../helpers/forms';
import { totpCodeForStep, totpKeysFor, unusedTotpCode } from '../helpers/two-factor';
import { openSecret, sealSecret } from '../../server/secret-box';
import { buildUser, type BuiltUser } from '../factories/users';
import { useScene } from '../factories/scene';
import { staffIdleLimitMs, staffSessionLimitMs } from '../../server/auth/login-session';

const { testApp } = useScene();

const currentStep = () => Math.floor(Date.now() / 30_000);
const staffPage = '/admin/exports';

async function passwordStep(user: BuiltUser, next = staffPage) {
  const { agent, csrf } = await visitorWithForm(testApp.app, `/login?lang=en`);
  const response = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password, next }).expect(303);
  return { agent, response };
}

async function enterCode(agent: ReturnType<typeof request.agent>, code: string) {
  const page = await agent.get('/login/two-factor?lang=en').expect(200);
  return agent.post('/login/two-factor').type('form').send({ _csrf: csrfTokenIn(page.text), code });
}

const recoveryCodesIn = (html: string) => [...html.matchAll(/<li><code>([a-z0-9-]{14})<\/code><\/li>/g)].map((match) => match[1]);

describe('staff two-factor login', () => {
  it('asks for the code after the password, and logs nobody in before it', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator', preferredLocale: 'en' });
    const { agent, response } = await passwordStep(moderator);
    expect(response.headers.location).toBe('/login/two-factor');
    expect((await agent.get('/?lang=en')).text).not.toContain('Signed in as');
    const refused = await agent.get(staffPage).expect(303);
    expect(refused.headers.location).toMatch(/^\/login\?next=/);

    const wrong = await enterCode(agent, '000000');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('<a href="#code">The code is not correct or has already been used.');
    expect(wrong.text).toContain('aria-describedby="code-hint code-error" aria-invalid="true"');
    const right = await enterCode(agent, totpCodeForStep(moderator.totpSecret!, currentStep()));
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe(staffPage);
    await agent.get(staffPage).expect(200);
  });

  it('refuses a code used once already within its window', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const code = totpCodeForStep(admin.totpSecret!, currentStep());
    const first = await passwordStep(admin);
    expect((await enterCode(first.agent, code)).status).toBe(303);
    const second = await passwordStep(admin);
    const replay = await enterCode(second.agent, code);
    expect(replay.status).toBe(422);
    await second.agent.get(staffPage).expect(303);
    // An older step than the last one used is refused too.
    expect((await enterCode(second.agent, totpCodeForStep(admin.totpSecret!, currentStep() - 1))).status).toBe(422);
  });

  it('takes a recovery code once', async () => {
    const facilitator = await buildUser(testApp.db, { role: 'facilitator', totp: false, preferredLocale: 'en' });
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, '/account/two-factor/setup');
    const setup = await agent.get('/account/two-factor/setup').expect(200);
    const secret = /data-totp-secret>([A-Z2-7 ]+)</.exec(setup.text)![1].replace(/ /g, '');
    const enabled = await agent.post('/account/two-factor/setup').type('form').send({ _csrf: csrf, code: totpCodeForStep(secret, currentStep()), next: '/account' }).expect(200);
    const codes = recoveryCodesIn(enabled.text);
    expect(codes).toHaveLength(10);
    const stored = await testApp.db('recovery_codes').where({ user_id: facilitator.id }).pluck('code_hash');
    expect(stored).toHaveLength(10);
    expect(stored.every((hash: string) => hash.startsWith('$argon2id$'))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace(/-/g, ''));

    const first = await passwordStep(facilitator, '/account');
    expect((await enterCode(first.agent, codes[0].toUpperCase())).status).toBe(303);
    const second = await passwordStep(facilitator, '/account');
    const reused = await enterCode(second.agent, codes[0]);
    expect(reused.status).toBe(422);
    expect((await second.agent.get('/?lang=en')).text).not.toContain('Signed in as');
  });

  it('sends staff without TOTP to the setup page before any staff page, from login and from requireRole', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator', totp: false, preferredLocale: 'en' });
    const { agent, response } = await passwordStep(moderator);
    expect(response.headers.location).toBe(`/account/two-factor/setup?next=${encodeURIComponent(staffPage)}`);
    for (const page of [staffPage, '/admin/exports/ideas.csv', '/admin/statements', '/admin/anything-else']) {
      const refused = await agent.get(page).expect(303);
      expect(refused.headers.location).toMatch(/^\/account\/two-factor\/setup\?next=/);
    }
    const setup = await agent.get(`/account/two-factor/setup?next=${encodeURIComponent(staffPage)}&lang=en`).expect(200);
    expect(setup.text).toContain('<svg');
    const secret = /data-totp-secret>([A-Z2-7 ]+)</.exec(setup.text)![1].replace(/ /g, '');
    const wrong = await agent.post('/account/two-factor/setup').type('form').send({ _csrf: csrfTokenIn(setup.text), code: '123456', next: staffPage }).expect(422);
    expect(wrong.text).toContain('<a href="#code">The code does not match.');
    const done = await agent.post('/account/two-factor/setup').type('form').send({ _csrf: csrfTokenIn(setup.text), code: totpCodeForStep(secret, currentStep()), next: staffPage }).expect(200);
    expect(recoveryCodesIn(done.text)).toHaveLength(10);
    expect(done.text).toContain(`href="${staffPage}"`);
    await agent.get(staffPage).expect(200);
    const row = await testApp.db('users').where({ id: moderator.id }).first();
    // Stored encrypted, under the app's key: never the secret itself.
    expect(row.totp_secret).not.toContain(secret);
    expect(openSecret(totpKeysFor(testApp.db), moderator.id, { keyId: row.totp_key_id, ciphertext: row.totp_secret })).toBe(secret);
    expect(row.totp_enabled_at).not.toBeNull();
  });

  it('sends a staff session that has not entered a code to the code step', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator', totp: false });
    const { agent } = await loggedInAgent(testApp.app, moderator);
    // TOTP set up meanwhile from another session: this one has not passed the second step.
    const sealed = sealSecret(totpKeysFor(testApp.db), moderator.id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    await testApp.db('users').where({ id: moderator.id }).update({ totp_secret: sealed.ciphertext, totp_key_id: sealed.keyId, totp_enabled_at: new Date() });
    const refused = await agent.get(staffPage).expect(303);
    expect(refused.headers.location).toBe(`/login/two-factor?next=${encodeURIComponent(staffPage)}`);
    expect((await enterCode(agent, totpCodeForStep('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', currentStep()))).headers.location).toBe('/');
    await agent.get(staffPage).expect(200);
  });

  it('limits wrong codes per account', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin', preferredLocale: 'en' });
    const { agent } = await passwordStep(admin);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await enterCode(agent, '111111')).status).toBe(422);
    expect((await enterCode(agent, totpCodeForStep(admin.totpSecret!, currentStep()))).status).toBe(429);
  });

  it('ends staff sessions after 30 minutes idle and after 12 hours in all', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    const shiftSession = (field: 'lastSeenAt' | 'loggedInAt', ageMs: number) =>
      testApp.db('sessions')
        .whereRaw(`(sess::jsonb -> 'passport' ->> 'user') = ?`, [String(moderator.id)])
        .update({ sess: testApp.db.raw(`jsonb_set(sess::jsonb, ?, to_jsonb(?::bigint))::json`, [`{${field}}`, Date.now() - ageMs]) });

    const idle = await loggedInAgent(testApp.app, moderator);
    await idle.agent.get(staffPage).expect(200);
    await shiftSession('lastSeenAt', staffIdleLimitMs + 60_000);
    const ended = await idle.agent.get(staffPage).expect(303);
    expect(ended.headers.location).toBe(`/login?next=${encodeURIComponent(staffPage)}`);
    expect((await idle.agent.get('/?lang=en')).text).not.toContain('Signed in as');

    const long = await loggedInAgent(testApp.app, moderator);
    await shiftSession('lastSeenAt', 10 * 60_000);
    await long.agent.get(staffPage).expect(200);
    await shiftSession('loggedInAt', staffSessionLimitMs + 60_000);
    expect((await long.agent.get(staffPage).expect(303)).headers.location).toMatch(/^\/login\?next=/);

    // Residents keep the ordinary 14-day session.
    const resident = await buildUser(testApp.db);
    const { agent } = await loggedInAgent(testApp.app, resident);
    await testApp.db('sessions')
      .whereRaw(`(sess::jsonb -> 'passport' ->> 'user') = ?`, [String(resident.id)])
      .update({ sess: testApp.db.raw(`jsonb_set(sess::jsonb, '{lastSeenAt}', to_jsonb(?::bigint))::json`, [Date.now() - 5 * 3_600_000]) });
    expect((await agent.get('/account').expect(200)).text).toContain('/logout');
  });

  it('lets the login helpers log the same staff member in many times in a row', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    for (let login = 0; login < 5; login += 1) {
      const { agent } = await loggedInAgent(testApp.app, moderator);
      await agent.get(staffPage).expect(200);
    }
    // The helper never weakens the check: a replayed code is still refused.
    const code = await unusedTotpCode(moderator.email);
    const first = await passwordStep(moderator);
    expect((await enterCode(first.agent, code)).status).toBe(303);
    const second = await passwordStep(moderator);
    expect((await enterCode(second.agent, code)).status).toBe(422);
  });
});

describe('two-factor login for residents', () => {
  it('is optional: a resident turns it on, logs in with a code, and turns it off with the password', async () => {
    const resident = await buildUser(testApp.db, { preferredLocale: 'en' });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/account/two-factor');
    const setup = await agent.get('/account/two-factor/setup').expect(200);
    const secret = /data-totp-secret>([A-Z2-7 ]+)</.exec(setup.text)![1].replace(/ /g, '');
    await agent.post('/account/two-factor/setup').type('form').send({ _csrf: csrf, code: totpCodeForStep(secret, currentStep()) }).expect(200);

    const { agent: again, response } = await passwordStep(resident, '/');
    expect(response.headers.location).toBe('/login/two-factor');
    expect((await enterCode(again, totpCodeForStep(secret, currentStep() + 1))).status).toBe(303);

    const manage = await again.get('/account/two-factor?lang=en').expect(200);
    const wrong = await again.post('/account/two-factor/disable').type('form').send({ _csrf: csrfTokenIn(manage.text), password: 'wrong password' }).expect(422);
    expect(wrong.text).toContain('<a href="#password">The password is not correct.</a>');
    await again.post('/account/two-factor/disable').type('form').send({ _csrf: csrfTokenIn(manage.text), password: resident.password }).expect(303);
    expect((await testApp.db('users').where({ id: resident.id }).first()).totp_enabled_at).toBeNull();
    expect(await testApp.db('recovery_codes').where({ user_id: resident.id })).toHaveLength(0);
  });

  it('staff cannot turn it off', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/account/two-factor');
    await agent.post('/account/two-factor/disable').type('form').send({ _csrf: csrf, password: admin.password }).expect(303);
    expect((await testApp.db('users').where({ id: admin.id }).first()).totp_enabled_at).not.toBeNull();
  });
});
