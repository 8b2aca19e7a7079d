import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deliverAccountEmails, outboxMails } from '../helpers/outbox';
import { databaseDumpText } from '../helpers/database-dump';
import { builtMaintenance, runToEnd } from '../helpers/processes';
import { lockDataDirectory } from '../../server/db/database';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { runInactiveAccountMaintenance } from '../../server/maintenance/inactive-accounts';
import { localDiskStorage } from '../../server/uploads/photo-storage';

const { testApp } = useScene();

const monthsAgo = (months: number, extraDays = 0) => {
  const date = new Date();
  date.setMonth(date.getMonth() - months);
  date.setDate(date.getDate() - extraDays);
  return date;
};
const run = () => runInactiveAccountMaintenance({ db: testApp.db, storage: localDiskStorage(testApp.config.uploadDir), outboxDir: testApp.config.outboxDir }, 36);
const userRow = (id: number) => testApp.db('users').where({ id }).first();

describe('inactive accounts', () => {
  it('warns 30 days before, then anonymises an account still unused, keeping its content', async () => {
    const sleeper = await buildUser(testApp.db, { email: 'sleeper@example.lv', displayName: 'Long Sleeper', preferredLocale: 'ru' });
    const active = await buildUser(testApp.db);
    const consultationId = await buildConsultation(testApp.db);
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: sleeper.id });
    await testApp.db('users').where({ id: sleeper.id }).update({ last_login_at: monthsAgo(35, 5), created_at: monthsAgo(40) });
    await testApp.db('users').where({ id: active.id }).update({ last_login_at: monthsAgo(1), created_at: monthsAgo(40) });

    expect((await run()).warned).toBeGreaterThanOrEqual(1);
    await deliverAccountEmails(testApp);
    const warning = outboxMails(testApp).find((mail) => mail.to.includes('sleeper@example.lv'));
    expect(warning?.text).toContain('Ваш аккаунт Kopā будет обезличен');
    expect((await userRow(sleeper.id)).inactivity_warned_at).not.toBeNull();
    expect((await userRow(active.id)).inactivity_warned_at).toBeNull();

    // The warning is not sent twice, and nothing is anonymised within the 30 days.
    expect(await run()).toEqual({ warned: 0, anonymised: 0 });
    await testApp.db('users').where({ id: sleeper.id }).update({ last_login_at: monthsAgo(36, 2), inactivity_warned_at: monthsAgo(0, 31) });
    expect(await run()).toEqual({ warned: 0, anonymised: 1 });
    const erased = await userRow(sleeper.id);
    expect(erased).toMatchObject({ email: null, display_name: null, password_hash: null });
    expect((await testApp.db('ideas').where({ id: ideaId }).first()).author_id).toBeNull();
    expect(await testApp.db('audit_log').where({ target_type: 'user', target_id: sleeper.id }).select('actor_id', 'action')).toEqual([{ actor_id: null, action: 'user.anonymised_inactive' }]);
    const dump = (await databaseDumpText(testApp.db)).toLowerCase();
    expect(dump).not.toContain('sleeper@example.lv');
    expect(dump).not.toContain('long sleeper');
    expect((await userRow(active.id)).deleted_at).toBeNull();
  });

  it('does not anonymise someone who logged in after the warning', async () => {
    const person = await buildUser(testApp.db);
    await testApp.db('users').where({ id: person.id }).update({ created_at: monthsAgo(50), last_login_at: monthsAgo(0, 1), inactivity_warned_at: monthsAgo(0, 40) });
    await run();
    expect((await userRow(person.id)).deleted_at).toBeNull();
  });
});

describe('npm run maintenance', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('runs on a data directory and prints what it did; refuses one that a running process holds', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-maintenance-'));
    dirs.push(dataDir);
    const ran = await runToEnd(builtMaintenance, [], { DATA_DIR: dataDir, INACTIVE_ACCOUNT_MONTHS: '24' });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe("Inactive accounts (24 months): 0 warning email(s) queued, 0 account(s) anonymised\nResidents' contacts of ideas entered for them (90 days after the consultation): 0 deleted\n");

    const bad = await runToEnd(builtMaintenance, [], { DATA_DIR: dataDir, INACTIVE_ACCOUNT_MONTHS: 'soon' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^maintenance: Invalid configuration: INACTIVE_ACCOUNT_MONTHS /);

    // A live process holding the data directory (as a running server does, through the same lock).
    const unlock = lockDataDirectory(dataDir);
    try {
      const refused = await runToEnd(builtMaintenance, [], { DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(`maintenance: The embedded database in ${dataDir} is in use by process ${process.pid}; stop it first (or use DATABASE_URL).\n`);
    } finally {
      unlock();
    }
  });
});
