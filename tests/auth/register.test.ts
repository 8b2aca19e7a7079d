import { visitorWithForm, setCookiesOf } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';

const { testApp } = useScene();

const validForm = (csrf: string, overrides: Record<string, string> = {}) => ({
  _csrf: csrf,
  displayName: 'Anna',
  email: `anna.${Math.random().toString(36).slice(2)}@example.lv`,
  password: 'daugava river 2027',
  preferredLocale: 'ru',
  ...overrides,
});

const userCount = async () => Number((await testApp.db('users').count({ count: '*' }))[0].count);

describe('registration', () => {
  it('creates a resident with an argon2id hash, logs them in and remembers their language', async () => {
    const { agent, csrf } = await visitorWithForm(testApp.app, '/register');
    const form = validForm(csrf);
    const response = await agent.post('/register').type('form').send(form).expect(303);
    expect(response.headers.location).toBe('/');
    expect(setCookiesOf(response).join(';')).toContain('lang=ru');
    const user = await testApp.db('users').where({ email: form.email }).first();
    expect(user).toMatchObject({ display_name: 'Anna', role: 'resident', preferred_locale: 'ru' });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Anna');
    expect(home.text).toContain('/logout');
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email', 'Please enter a valid email address'],
    ['a short password', { password: 'short' }, 'password', 'at least 8 characters'],
    ['a 10 kB display name', { displayName: 'x'.repeat(10_000) }, 'displayName', 'at most 80 characters'],
    ['an empty display name', { displayName: '   ' }, 'displayName', 'Please enter a display name'],
    ['an unknown language', { preferredLocale: 'de' }, 'preferredLocale', 'Latvian, Russian or English'],
  ])('refuses %s with a message beside the field and stores nothing', async (_case, overrides, field, message) => {
    const before = await userCount();
    const { agent, csrf } = await visitorWithForm(testApp.app, '/register?lang=en');
    const response = await agent.post('/register').type('form').send(validForm(csrf, overrides)).expect(422);
    expect(response.text).toContain(`id="${field}-error"`);
    expect(response.text).toContain(message);
    expect(await userCount()).toBe(before);
  });

  it('keeps what was typed (escaped) when the form comes back', async () => {
    const { agent, csrf } = await visitorWithForm(testApp.app, '/register?lang=en');
    const response = await agent
      .post('/register')
      .type('form')
      .send(validForm(csrf, { displayName: '<b>Kārlis</b>', password: 'short' }))
      .expect(422);
    expect(response.text).toContain('value="&lt;b&gt;Kārlis&lt;/b&gt;"');
    expect(response.text).not.toContain('<b>Kārlis</b>');
  });

  it('refuses an existing email, whatever its case, in the visitor’s language', async () => {
    const existing = await buildUser(testApp.db, { email: 'taken@example.lv' });
    const before = await userCount();
    const { agent, csrf } = await visitorWithForm(testApp.app, '/register?lang=lv');
    const response = await agent.post('/register').type('form').send(validForm(csrf, { email: 'TAKEN@example.lv' })).expect(422);
    expect(response.text).toContain('Konts ar šo e-pastu jau pastāv');
    expect(await userCount()).toBe(before);
    expect(existing.id).toBeGreaterThan(0);
  });

  it('shows HTML in a display name as text on every page', async () => {
    const { agent, csrf } = await visitorWithForm(testApp.app, '/register');
    await agent
      .post('/register')
      .type('form')
      .send(validForm(csrf, { displayName: '<img src=x onerror=alert(1)>' }))
      .expect(303);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(home.text).not.toContain('<img src=x');
  });

  it('refuses a registration without a CSRF token and stores nothing', async () => {
    const before = await userCount();
    const { agent } = await visitorWithForm(testApp.app, '/register?lang=ru');
    const response = await agent.post('/register').type('form').send(validForm('')).expect(403);
    expect(response.text).toContain('Срок действия формы истёк');
    expect(await userCount()).toBe(before);
  });
});
