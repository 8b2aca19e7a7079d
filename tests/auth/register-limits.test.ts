import { visitorWithForm } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';

const { testApp } = useScene();

beforeAll(() => {
  // Addresses come from X-Forwarded-For, as behind the production proxy on loopback.
  testApp.app.set('trust proxy', 'loopback');
});

let sequence = 0;
const newEmail = () => `new.person.${(sequence += 1)}.${Date.now()}@example.lv`;

async function register(address: string, email: string, overrides: Record<string, string> = {}) {
  const { agent, csrf } = await visitorWithForm(testApp.app, '/register?lang=en', { 'X-Forwarded-For': address });
  return agent
    .post('/register')
    .set('X-Forwarded-For', address)
    .type('form')
    .send({ _csrf: csrf, displayName: 'Anna', email, password: 'daugava river 2027', preferredLocale: 'en', ...overrides });
}

const accountsWith = async (email: string) => Number((await testApp.db('users').whereRaw('lower(email) = lower(?)', [email]).count({ count: '*' }))[0].count);

describe('registration stays instant, probing for accounts gets expensive', () => {
  it('answers "taken" five times a day per address, then refuses that address while others still register', async () => {
    const taken = await Promise.all(Array.from({ length: 6 }, () => buildUser(testApp.db)));
    const prober = '203.0.113.77';
    for (const user of taken.slice(0, 5)) expect((await register(prober, user.email)).status).toBe(422);
    const refused = await register(prober, taken[5].email);
    expect(refused.status).toBe(429);
    expect(refused.text).not.toContain('already exists');
    // Not even a new person's registration gets through from that address now …
    const newcomer = newEmail();
    expect((await register(prober, newcomer)).status).toBe(429);
    expect(await accountsWith(newcomer)).toBe(0);
    // … while another address registers and is logged in at once.
    const elsewhere = await register('198.51.100.77', newcomer);
    expect(elsewhere.status).toBe(303);
    expect(await accountsWith(newcomer)).toBe(1);
  });

  it('does not count answers other than "taken" against the address', async () => {
    const address = '203.0.113.78';
    for (let attempt = 0; attempt < 6; attempt += 1) expect((await register(address, newEmail(), { password: 'short' })).status).toBe(422);
    expect((await register(address, newEmail())).status).toBe(303);
  });

  it('limits how often one email is tried, from any number of addresses', async () => {
    const victim = await buildUser(testApp.db);
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) statuses.push((await register(`192.0.2.${attempt}`, victim.email.toUpperCase())).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    const counted = await testApp.db('rate_limits').where('key', 'like', 'register-email:%').select('key');
    expect(counted.map((row) => row.key).join()).not.toContain(victim.email.toLowerCase());
  });
});
