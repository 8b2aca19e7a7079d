import { deleteExpiredSessions } from '../../server/auth/sessions.queries';
import type { Knex } from 'knex';
import type { Test } from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildConsultation, buildIdea, categoryId, consultationFormFields } from '../factories/ideas';
import { buildUser } from '../factories/users';
import { buildRoomIdea, buildWorkshop } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { isEmbedded, openDatabase } from '../../server/db/database';
import { parsePublicChange, startPublicChanges, type PublicChanges, type PublicScope } from '../../server/cache/public-changes';
import { needsSettling, settleIfNeeded } from '../../server/cache/write-barrier';
import { supportIdea, withdrawSupport } from '../../server/supports/supports.service';
import { addComment } from '../../server/comments/comments.service';
import { hideComment, hideIdea, markDuplicate, publishIdea } from '../../server/moderation/moderation.service';
import { changeIdeaStatus } from '../../server/statuses/statuses.service';
import { saveTranslation } from '../../server/translations/translations.service';
import { updateCategory } from '../../server/categories/categories.service';
import { categoryFormSchema } from '../../server/categories/categories.schema';
import { updateConsultation } from '../../server/consultations/consultations.service';
import { consultationFormSchema } from '../../server/consultations/consultations.schema';
import { eraseAccount } from '../../server/account-deletion/erasure.service';
import { runInactiveAccountMaintenance } from '../../server/maintenance/inactive-accounts';
import { localDiskStorage } from '../../server/uploads/photo-storage';
import type { SessionUser } from '../../server/auth/session-user';

const { testApp, consultation, resident, moderator, admin } = useScene({
  users: { resident: { displayName: 'Olga' }, moderator: { role: 'moderator' }, admin: { role: 'admin' } },
  consultation: {},
});

let deliveries: (readonly PublicScope[])[] = [];
beforeAll(() => {
  testApp.changes.onChange((scopes) => deliveries.push(scopes));
});

/** Every scope delivered for what `write` commits, once settled(): sorted, each once. */
async function announcedWithPeople(write: () => Promise<unknown>): Promise<string[]> {
  await testApp.changes.settled();
  deliveries = [];
  await write();
  await testApp.changes.settled();
  return [...new Set(deliveries.flat())].sort();
}

/** The public scopes among them: a person's own changes (user:<id>, for the session cache) are tested apart. */
async function announced(write: () => Promise<unknown>): Promise<string[]> {
  return (await announcedWithPeople(write)).filter((scope) => !/^users?(:|$)/.test(scope));
}

const storage = () => localDiskStorage(testApp.config.uploadDir);
const sessionUser = (user: { id: number; email: string; displayName: string }, role: SessionUser['role']): SessionUser => ({
  ...user,
  role,
  preferredLocale: 'en',
  blockedAt: null,
  emailVerified: true,
  totpEnabled: false,
});

function fillIdeaForm(post: Test, csrf: string, consultationId: number, greenSpace: number): Test {
  const fields: Record<string, string> = {
    consultationId: String(consultationId),
    title: 'Soliņi Daugavas krastā',
    description: 'Vairāk soliņu un ēnas gar promenādi.',
    originalLocale: 'lv',
    categoryId: String(greenSpace),
    nebValues: 'beautiful',
    sentence_beautiful: 'Skaists skats uz upi.',
    place: 'centrs',
  };
  for (const [name, value] of Object.entries(fields)) post.field(name, value);
  // An upload form's CSRF token travels in the query: the multipart body is read after the check.
  return post.query({ _csrf: csrf });
}

async function submitThroughHttp(consultationId: number): Promise<number> {
  const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
  const response = await fillIdeaForm(agent.post('/ideas'), csrf, consultationId, await categoryId(testApp.db)).expect(303);
  return Number(/^\/ideas\/(\d+)$/.exec(response.headers.location)![1]);
}

/** Resolves with the next delivery of `changes` that `accept` takes, or fails after timeoutMs. */
function nextDelivery(changes: PublicChanges, accept: (scopes: readonly PublicScope[]) => boolean, timeoutMs: number): Promise<readonly PublicScope[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching public change within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = changes.onChange((scopes) => {
      if (!accept(scopes)) return;
      clearTimeout(timer);
      stop();
      resolve(scopes);
    });
  });
}

describe('public changes announced by the database', () => {
  it('a new idea (post-moderation, through HTTP): its page, the lists and the map', async () => {
    let ideaId = 0;
    const scopes = await announced(async () => {
      ideaId = await submitThroughHttp(consultation.id);
    });
    expect(scopes).toEqual([`idea:${ideaId}`, 'ideas', 'points']);
  });

  it('pre-moderation: a pending idea touches only its page; its publication the lists and the map', async () => {
    const preModerated = await buildConsultation(testApp.db, { moderationMode: 'pre' });
    let ideaId = 0;
    expect(
      await announced(async () => {
        ideaId = await submitThroughHttp(preModerated);
      }),
    ).toEqual([`idea:${ideaId}`]);
    expect(await announced(() => publishIdea(testApp.db, moderator.id, ideaId))).toEqual([`idea:${ideaId}`, 'ideas', 'points']);
  });

  it('a support and its withdrawal: the idea and the lists (their counts), not the map', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id });
    expect(await announced(() => supportIdea(testApp.db, resident.id, ideaId))).toEqual([`idea:${ideaId}`, 'ideas']);
    expect(await announced(() => withdrawSupport(testApp.db, resident.id, ideaId))).toEqual([`idea:${ideaId}`, 'ideas']);
  });

  it('a comment and its hiding: the idea page, and the lists for the comment count', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id });
    let commentId = 0;
    expect(
      await announced(async () => {
        commentId = await addComment(testApp.db, resident.id, ideaId, { body: 'Labs <b>priekšlikums</b>' });
      }),
    ).toEqual([`idea:${ideaId}`, 'ideas']);
    const hiding = await announced(() => hideComment(testApp.db, moderator.id, commentId, 'off topic'));
    expect(hiding).toContain(`idea:${ideaId}`);
    expect(hiding).not.toContain('points');
  });

  it('a status change with an official answer: the page, the lists and the map (status filter)', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
    const scopes = await announced(() => changeIdeaStatus(testApp.db, moderator.id, ideaId, { status: 'under_review', answer_en: 'We are looking into it.' }));
    expect(scopes).toEqual([`idea:${ideaId}`, 'ideas', 'points']);
  });

  it('hiding an idea: the page, the lists and the map', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
    expect(await announced(() => hideIdea(testApp.db, moderator.id, ideaId, 'spam'))).toEqual([`idea:${ideaId}`, 'ideas', 'points']);
  });

  it('a translation: the page and the lists', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
    const scopes = await announced(() =>
      saveTranslation(testApp.db, sessionUser(moderator, 'moderator'), ideaId, { locale: 'en', title: 'Benches by the river', description: 'More benches.' }),
    );
    expect(scopes).toEqual([`idea:${ideaId}`, 'ideas']);
  });

  it('marking a duplicate: the pages of both ideas', async () => {
    const original = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
    const duplicate = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id });
    const scopes = await announced(() => markDuplicate(testApp.db, moderator.id, duplicate, original));
    expect(scopes).toEqual(expect.arrayContaining([`idea:${original}`, `idea:${duplicate}`]));
  });

  it('a category renamed and a consultation’s text and area changed: reference data', async () => {
    const category = await testApp.db('categories').where({ slug: 'green-space' }).first();
    const renamed = categoryFormSchema.parse({ slug: category.slug, name_lv: 'Zaļā zona', name_ru: 'Зелёная зона', name_en: 'Greenery', icon: category.icon, color: category.color, position: String(category.position) });
    expect(await announced(() => updateCategory(testApp.db, admin.id, category.id, renamed))).toEqual(['reference']);

    const consultationId = await buildConsultation(testApp.db);
    const square = { type: 'Polygon', coordinates: [[[26.5, 55.86], [26.57, 55.86], [26.57, 55.9], [26.5, 55.9], [26.5, 55.86]]] };
    const edited = consultationFormSchema.parse(
      consultationFormFields({ slug: `parks-${consultationId}`, description_lv: 'Jauns apraksts', description_ru: 'Новое описание', area: JSON.stringify(square) }),
    );
    expect(await announced(() => updateConsultation(testApp.db, admin.id, consultationId, edited))).toEqual(['reference']);
  });

  it('an account erased: everything (its name was on pages of all kinds)', async () => {
    const person = await buildUser(testApp.db, { displayName: 'Leaving Soon' });
    await buildIdea(testApp.db, { consultationId: consultation.id, authorId: person.id });
    expect(await announced(() => eraseAccount({ db: testApp.db, storage: storage() }, person.id, { removeContent: false }))).toContain('all');
  });

  it('a login announces nothing public, only its person\'s change; a rolled-back write nothing at all', async () => {
    expect(await announcedWithPeople(() => loggedInAgent(testApp.app, resident))).toEqual([`user:${resident.id}`]);
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
    const rolledBack = await announced(() =>
      testApp.db
        .transaction(async (trx) => {
          await trx('ideas').where({ id: ideaId }).update({ title: 'Never seen' });
          throw new Error('changed my mind');
        })
        .catch(() => undefined),
    );
    expect(rolledBack).toEqual([]);
  });

  it('a person\'s own changes, read with their session, announce that person: support, follow, block, role, logout', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id });
    const person = `user:${resident.id}`;
    expect(await announcedWithPeople(() => supportIdea(testApp.db, resident.id, ideaId))).toContain(person);
    expect(await announcedWithPeople(() => testApp.db('follows').insert({ user_id: resident.id, idea_id: ideaId }))).toEqual([person]);
    expect(await announcedWithPeople(() => testApp.db('users').where({ id: resident.id }).update({ blocked_at: new Date() }))).toEqual([person]);
    expect(await announcedWithPeople(() => testApp.db('users').where({ id: resident.id }).update({ role: 'resident', blocked_at: null }))).toEqual([person]);
    // One announcement for a statement's many rows, naming each person once.
    const other = await buildUser(testApp.db);
    const both = [person, `user:${other.id}`].sort();
    await testApp.changes.settled();
    deliveries = [];
    await testApp.db('follows').insert([{ user_id: other.id, idea_id: ideaId }, { user_id: other.id, idea_id: await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id }) }]);
    await testApp.db('follows').where({ idea_id: ideaId }).delete();
    await testApp.changes.settled();
    expect(deliveries.filter((scopes) => scopes.every((scope) => scope.startsWith('user:'))).map((scopes) => [...scopes].sort())).toEqual([[`user:${other.id}`], both]);
    // A login's own bookkeeping is not read with a session.
    expect(await announcedWithPeople(() => testApp.db('users').where({ id: resident.id }).update({ last_login_at: new Date() }))).toEqual([]);
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    expect(await announcedWithPeople(() => agent.post('/logout').type('form').send({ _csrf: csrf }))).toEqual([person]);
    expect(await announcedWithPeople(() => testApp.db.raw('truncate sessions'))).toEqual(['users']);
    // Housekeeping's removal of expired sessions: no process keeps one.
    await loggedInAgent(testApp.app, resident);
    await testApp.db('sessions').update({ expired: new Date(Date.now() - 1000) });
    expect(await announcedWithPeople(() => deleteExpiredSessions(testApp.db))).toEqual([]);
  });

  it('the maintenance command’s anonymisation, through its own connection', async () => {
    const sleeper = await buildUser(testApp.db, { displayName: 'Long Sleeper' });
    const monthsAgo = (months: number, days = 0) => new Date(Date.now() - (months * 30.5 + days) * 86_400_000);
    await testApp.db('users').where({ id: sleeper.id }).update({ created_at: monthsAgo(50), last_login_at: monthsAgo(37), inactivity_warned_at: monthsAgo(0, 31) });
    // The embedded database has one connection: the maintenance command cannot run beside the server.
    const own: Knex = testApp.url ? openDatabase({ databaseUrl: testApp.url }) : testApp.db;
    try {
      const scopes = await announced(async () => {
        expect((await runInactiveAccountMaintenance({ db: own, storage: storage() }, 36)).anonymised).toBe(1);
      });
      expect(scopes).toContain('all');
    } finally {
      if (own !== testApp.db) await own.destroy();
    }
  });

  it('a workshop renamed: the pages of the ideas pinned in it, which name it as their author', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: admin.id });
    const pinned = await buildRoomIdea(testApp.db, workshop, consultation.id);
    expect(await announced(() => testApp.db('workshops').where({ id: workshop.id }).update({ name: 'Skolēnu darbnīca' }))).toEqual([`idea:${pinned}`]);
    expect(await announced(() => testApp.db('workshops').where({ id: workshop.id }).update({ updated_at: new Date() }))).toEqual([]);
  });

  it('a bulk update is one notification, with "all" instead of a long list of ideas', async () => {
    const ids: number[] = [];
    for (let index = 0; index < 60; index++) ids.push(await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id }));
    await testApp.changes.settled();
    deliveries = [];
    await testApp.db('ideas').whereIn('id', ids).update({ support_count: 3 });
    await testApp.changes.settled();
    expect(deliveries).toEqual([['all', 'ideas']]);
  });
});

describe('delivery in this process', () => {
  it('reaches the listeners before the write returns (PGlite) or once settled (PostgreSQL), and write requests are tracked', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id });
    await testApp.changes.settled();
    deliveries = [];
    await supportIdea(testApp.db, resident.id, ideaId);
    if (isEmbedded(testApp.db)) {
      // PGlite calls back while it reads the COMMIT's answer, before the query resolves.
      expect(deliveries.flat()).toContain(`idea:${ideaId}`);
    } else {
      await testApp.changes.settled();
      expect(deliveries.flat()).toContain(`idea:${ideaId}`);
    }

    // A write request of this process: a GET after it settles first, and only once.
    await settleIfNeeded(testApp.changes);
    expect(needsSettling(testApp.changes)).toBe(false);
    deliveries = [];
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaId}`);
    // Supported above: this request withdraws it. Its answer waits until its change has reached
    // this process, so whatever follows it needs no barrier.
    await agent.post(`/ideas/${ideaId}/support/withdraw`).type('form').send({ _csrf: csrf }).expect(303);
    expect(deliveries.flat()).toContain(`idea:${ideaId}`);
    expect(needsSettling(testApp.changes)).toBe(false);
  });

  it('a second instance hears every write (another process on PostgreSQL, a second listener on PGlite)', async () => {
    const otherDb: Knex = testApp.url ? openDatabase({ databaseUrl: testApp.url }) : testApp.db;
    const other = startPublicChanges(otherDb);
    try {
      await other.settled();
      const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id });
      await other.settled();
      const heard = nextDelivery(other, (scopes) => scopes.includes(`idea:${ideaId}`), 1000);
      await supportIdea(testApp.db, resident.id, ideaId);
      expect(await heard).toEqual([`idea:${ideaId}`, 'ideas']);
    } finally {
      await other.close();
      if (otherDb !== testApp.db) await otherDb.destroy();
    }
  });

  it('moves the generation when it starts to listen: nothing read before can be kept as if heard', async () => {
    const otherDb: Knex = testApp.url ? openDatabase({ databaseUrl: testApp.url }) : testApp.db;
    const other = startPublicChanges(otherDb);
    try {
      const beforeListening = other.generation;
      await other.settled();
      expect(other.generation).toBeGreaterThan(beforeListening);
      // Listening now: it stays put until something is delivered.
      expect(other.generation).toBe(other.generation);
    } finally {
      await other.close();
      if (otherDb !== testApp.db) await otherDb.destroy();
    }
  });

  it('a lost LISTEN connection drops everything, keeps nothing meanwhile, and recovers (PostgreSQL)', async () => {
    // The embedded database has no connection to lose.
    if (isEmbedded(testApp.db)) return;
    const changes = testApp.changes;
    await changes.settled();
    const lost = nextDelivery(changes, (scopes) => scopes.includes('all'), 10_000);
    const { rows } = await testApp.db.raw<{ rows: { terminated: boolean }[] }>(
      `select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where query ilike 'listen kopa_public_changes%' and datname = current_database() and pid <> pg_backend_pid()`,
    );
    expect(rows).toEqual([{ terminated: true }]);
    expect(await lost).toEqual(['all']);
    const recovered = nextDelivery(changes, (scopes) => scopes.includes('all'), 10_000);
    // Nothing built while nobody listens may be kept: the generation moves on every read.
    const before = changes.generation;
    expect(changes.generation).not.toBe(before);
    expect(await recovered).toEqual(['all']);

    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: admin.id });
    expect(await announced(() => supportIdea(testApp.db, resident.id, ideaId))).toEqual([`idea:${ideaId}`, 'ideas']);
    expect(changes.generation).toBe(changes.generation);
  });
});

describe('the payload', () => {
  it('is delivered once per version, and as "all" when it is not understood', async () => {
    await testApp.changes.settled();
    deliveries = [];
    for (const payload of ['900000001|ideas', '900000001|ideas', 'from a newer version|shops']) {
      await testApp.db.raw(`select pg_notify('kopa_public_changes', ?)`, [payload]);
    }
    await testApp.changes.settled();
    expect(deliveries).toEqual([['ideas'], ['all']]);
  });


  it('reads "<version>|scope,…" and refuses anything else', () => {
    expect(parsePublicChange('12|idea:3,ideas,points')).toEqual({ version: '12', scopes: ['idea:3', 'ideas', 'points'] });
    expect(parsePublicChange('7|all')).toEqual({ version: '7', scopes: ['all'] });
    for (const bad of [undefined, '', 'ideas', '1|', '1|idea:x', '1|ideas,shops', 'x|ideas']) expect(parsePublicChange(bad)).toBeUndefined();
  });
});
