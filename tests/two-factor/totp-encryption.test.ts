import { randomBytes } from 'node:crypto';
import { createApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { openSecret, sealSecret, UnreadableSecretError } from '../../server/secret-box';
import { keyFromSessionSecret, totpKey, totpKeyring, type TotpKeyring } from '../../server/secret-keys';
import { rotateTotpSecrets, secureTotpSecrets, TotpKeyError } from '../../server/two-factor/totp-secrets.service';
import { databaseDumpText } from '../helpers/database-dump';
import { csrfTokenIn, loggedInAgent } from '../helpers/forms';
import { testConfig } from '../helpers/test-app';
import { totpCodeForStep } from '../helpers/two-factor';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const sessionSecret = 'a session secret of at least thirty-two characters';

const { testApp } = useScene({ app: { env: { TOTP_ENCRYPTION_KEY: keyA.toString('hex'), SESSION_SECRET: sessionSecret } } });

const onlyKey = (key: Buffer): TotpKeyring => ({ current: totpKey(key), previous: [] });
const secretRows = () => testApp.db('users').whereNotNull('totp_secret').orderBy('id').select('id', 'totp_secret', 'totp_key_id');

describe('sealing a TOTP secret', () => {
  const keys = onlyKey(keyA);

  it('opens what it sealed, with a fresh nonce each time and nothing of the secret in sight', () => {
    const first = sealSecret(keys, 7, 'JBSWY3DPEHPK3PXP');
    const second = sealSecret(keys, 7, 'JBSWY3DPEHPK3PXP');
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.ciphertext).not.toContain('JBSWY3DPEHPK3PXP');
    expect(first.keyId).toBe(totpKey(keyA).id);
    expect(openSecret(keys, 7, first)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a secret changed in any part, moved to another account, or opened with another key', () => {
    const sealed = sealSecret(keys, 7, 'JBSWY3DPEHPK3PXP');
    const [version, ...parts] = sealed.ciphertext.split('.');
    for (let part = 0; part < parts.length; part += 1) {
      const bytes = Buffer.from(parts[part], 'base64url');
      bytes[0] ^= 1;
      const altered = [version, ...parts.map((text, index) => (index === part ? bytes.toString('base64url') : text))].join('.');
      expect(() => openSecret(keys, 7, { ...sealed, ciphertext: altered })).toThrow(UnreadableSecretError);
    }
    expect(() => openSecret(keys, 8, sealed)).toThrow('does not decrypt');
    expect(() => openSecret(onlyKey(keyB), 7, sealed)).toThrow(`key ${sealed.keyId} is not configured`);
    // The same id with other key material (a wrong key) is told apart from a missing key.
    expect(() => openSecret({ current: { id: sealed.keyId, key: keyB }, previous: [] }, 7, sealed)).toThrow('does not decrypt');
  });
});

describe('the key in the configuration', () => {
  it('takes TOTP_ENCRYPTION_KEY as hex or base64, else derives one from SESSION_SECRET', () => {
    expect(loadConfig({ TOTP_ENCRYPTION_KEY: keyA.toString('hex') }).totpKeys.current.id).toBe(totpKey(keyA).id);
    expect(loadConfig({ TOTP_ENCRYPTION_KEY: keyA.toString('base64') }).totpKeys.current.id).toBe(totpKey(keyA).id);
    const derived = loadConfig({ SESSION_SECRET: sessionSecret }).totpKeys;
    expect(derived.current.id).toBe(keyFromSessionSecret(sessionSecret).id);
    expect(loadConfig({ SESSION_SECRET: `${sessionSecret}!` }).totpKeys.current.id).not.toBe(derived.current.id);
  });

  it.each([
    ['too short', 'too short'],
    ['31 bytes of hex', keyA.toString('hex').slice(2)],
    ['33 bytes of hex', `${keyA.toString('hex')}00`],
    ['31 bytes of base64', keyA.subarray(1).toString('base64')],
  ])('refuses a key that is %s with one line that does not repeat it', (_case, value) => {
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: value })).toThrow(/^Invalid configuration: TOTP_ENCRYPTION_KEY must be 32 random bytes .*\(value not shown\)$/);
    let message = '';
    try {
      loadConfig({ TOTP_ENCRYPTION_KEY: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(value);
  });
});

describe('secrets at rest', () => {
  it('stores a secret set up through the site only encrypted: no table holds it', async () => {
    const resident = await buildUser(testApp.db, { preferredLocale: 'en' });
    const { agent } = await loggedInAgent(testApp.app, resident);
    const setup = await agent.get('/account/two-factor/setup').expect(200);
    const secret = /data-totp-secret>([A-Z2-7 ]+)</.exec(setup.text)![1].replace(/ /g, '');
    await agent
      .post('/account/two-factor/setup')
      .type('form')
      .send({ _csrf: csrfTokenIn(setup.text), code: totpCodeForStep(secret, Math.floor(Date.now() / 30_000)) })
      .expect(200);
    const row = await testApp.db('users').where({ id: resident.id }).first('totp_secret', 'totp_key_id');
    expect(row.totp_key_id).toBe(totpKey(keyA).id);
    expect(openSecret(onlyKey(keyA), resident.id, { keyId: row.totp_key_id, ciphertext: row.totp_secret })).toBe(secret);
    expect(await databaseDumpText(testApp.db)).not.toContain(secret);
  });

  it('encrypts secrets still stored in plain text at start, and stops on one it cannot read', async () => {
    const staff = await buildUser(testApp.db, { role: 'moderator' });
    await testApp.db('users').where({ id: staff.id }).update({ totp_secret: staff.totpSecret, totp_key_id: null });
    const result = await secureTotpSecrets(testApp.db, totpKeyring(sessionSecret, keyA, []));
    expect(result.encrypted).toBe(1);
    expect(await databaseDumpText(testApp.db)).not.toContain(staff.totpSecret);
    // The encrypted secret still logs the moderator in with a code from their app.
    const { agent } = await loggedInAgent(testApp.app, staff);
    await agent.get('/admin/exports').expect(200);

    await expect(secureTotpSecrets(testApp.db, onlyKey(keyB))).rejects.toThrow(TotpKeyError);
    await expect(secureTotpSecrets(testApp.db, onlyKey(keyB))).rejects.toThrow(/^The second-factor secret of account \d+ cannot be read: key [0-9a-f]{16} is not configured; set TOTP_ENCRYPTION_KEY/);
  });

  it('rotates to a new key, and a rotation interrupted half-way is finished by running it again', async () => {
    const staff = await Promise.all(Array.from({ length: 4 }, () => buildUser(testApp.db, { role: 'moderator' })));
    const rows = await secretRows();
    expect(rows.every((row) => row.totp_key_id === totpKey(keyA).id)).toBe(true);
    const toB = totpKeyring(sessionSecret, keyB, [keyA]);

    let done = 0;
    const interrupted = rotateTotpSecrets(testApp.db, toB, () => {
      done += 1;
      if (done === 2) throw new Error('killed');
    });
    await expect(interrupted).rejects.toThrow('killed');
    const halfway = await secretRows();
    expect(halfway.filter((row) => row.totp_key_id === totpKey(keyB).id)).toHaveLength(2);
    // Half-way, every secret is still readable: the app may run meanwhile.
    expect((await secureTotpSecrets(testApp.db, toB)).checked).toBe(rows.length);

    expect(await rotateTotpSecrets(testApp.db, toB)).toEqual({ rotated: rows.length - 2 });
    expect(await rotateTotpSecrets(testApp.db, toB)).toEqual({ rotated: 0 });
    const after = await secretRows();
    expect(after.every((row) => row.totp_key_id === totpKey(keyB).id)).toBe(true);
    // Every secret reads with the new key alone, and logging in with the second factor still works on it.
    expect((await secureTotpSecrets(testApp.db, onlyKey(keyB))).checked).toBe(rows.length);
    const config = testConfig({ TOTP_ENCRYPTION_KEY: keyB.toString('base64'), SESSION_SECRET: sessionSecret });
    const appOnB = createApp({ config, db: testApp.db, logger: createLogger('silent'), publicChanges: testApp.changes });
    const { agent } = await loggedInAgent(appOnB, staff[3]);
    await agent.get('/admin/exports').expect(200);
  });
});
