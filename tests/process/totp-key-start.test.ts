import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { totpKey } from '../../server/secret-keys';
import { createTestDatabase } from '../helpers/test-db';
import { realDatabaseUrl } from '../helpers/template';
import { builtMain, freePort, runToEnd, startProcess, waitFor } from '../helpers/processes';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A database the server process can open: this file's own on PostgreSQL, else an embedded data folder. */
async function databaseForProcess(): Promise<{ env: Record<string, string>; open: () => Promise<Knex>; release: (db: Knex) => Promise<void>; close: () => Promise<void> }> {
  if (realDatabaseUrl()) {
    const database = await createTestDatabase();
    return { env: { DATABASE_URL: database.url! }, open: async () => database.db, release: async () => {}, close: () => database.close() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-totp-'));
  tempDirs.push(dataDir);
  // One process at a time on an embedded data folder: the test closes its connection before the server starts.
  return { env: { DATA_DIR: dataDir }, open: async () => openDatabase({ dataDir }), release: (db) => db.destroy(), close: async () => {} };
}

describe('second-factor secrets when the server starts', () => {
  it('encrypts plain secrets on the first start, and refuses to start with a key that cannot read them', async () => {
    const database = await databaseForProcess();
    try {
      let db = await database.open();
      await migrateToLatest(db);
      // As the column held it before encryption: the secret itself, and no key id.
      const [{ id }] = await db('users')
        .insert({ email: 'staff.before@example.lv', display_name: 'Staff', password_hash: 'x', role: 'moderator', preferred_locale: 'lv', totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enabled_at: new Date() })
        .returning('id');
      await database.release(db);

      const rightKey = randomBytes(32);
      const port = await freePort();
      const server = startProcess(builtMain, { ...database.env, PORT: String(port), LOG_LEVEL: 'info', TOTP_ENCRYPTION_KEY: rightKey.toString('hex') });
      try {
        await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000);
        expect(server.output()).toContain('Encrypted 1 second-factor secrets that were stored in plain text');
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      db = await database.open();
      const row = await db('users').where({ id }).first('totp_secret', 'totp_key_id');
      await database.release(db);
      expect(row.totp_key_id).toBe(totpKey(rightKey).id);
      expect(row.totp_secret).not.toContain('JBSWY3DPEHPK3PXP');

      // Another key, and none (the one derived from SESSION_SECRET): neither reads the secret.
      const wrongKeys: Record<string, string>[] = [{ TOTP_ENCRYPTION_KEY: randomBytes(32).toString('hex') }, {}];
      for (const env of wrongKeys) {
        const refused = await runToEnd(builtMain, [], { ...database.env, PORT: String(await freePort()), ...env });
        expect(refused.code).toBe(1);
        expect(refused.stderr.trim().split('\n')).toEqual([
          `The second-factor secret of account ${id} cannot be read: key ${totpKey(rightKey).id} is not configured; set TOTP_ENCRYPTION_KEY (or TOTP_PREVIOUS_ENCRYPTION_KEYS) to the key it was stored with.`,
        ]);
        expect(refused.stderr).not.toMatch(/^\s+at /m);
      }
    } finally {
      await database.close();
    }
  });
});
