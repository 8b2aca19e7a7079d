import { createHmac, randomBytes } from 'node:crypto';
import request from 'supertest';
import { useScene } from '../factories/scene';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildSupport } from '../factories/supports';
import { buildFollow } from '../factories/follows';
import { endSessionsOf, sessionWithUser } from '../../server/auth/sessions.queries';

const { testApp, consultation, resident, other, author } = useScene({ users: { resident: {}, other: {}, author: {} }, consultation: { supportBudget: 3 } });

/** A session row as express-session writes it, with what `passport.user` holds. */
async function storedSession(passportUser: unknown, expiresInMs = 3_600_000): Promise<{ sid: string; cookie: string }> {
  const sid = randomBytes(18).toString('base64url');
  const expires = new Date(Date.now() + expiresInMs);
  await testApp.db('sessions').insert({
    sid,
    expired: expires,
    sess: JSON.stringify({ cookie: { originalMaxAge: 3_600_000, expires: expires.toISOString(), httpOnly: true, path: '/' }, passport: { user: passportUser }, csrfToken: 'x'.repeat(64) }),
  });
  const signed = `s:${sid}.${createHmac('sha256', testApp.config.sessionSecret).update(sid).digest('base64').replace(/=+$/, '')}`;
  return { sid, cookie: `kopa.sid=${encodeURIComponent(signed)}` };
}

const userIdOf = async (sid: string) => (await testApp.db('sessions').where({ sid }).first('user_id')).user_id as number | null;

describe('the session lookup', () => {
  it('joins the account PostgreSQL derives from the session, and follows a change of it', async () => {
    const { sid } = await storedSession(resident.id);
    expect(Number(await userIdOf(sid))).toBe(resident.id);
    expect((await sessionWithUser(testApp.db, sid))?.user).toMatchObject({ id: resident.id, email: resident.email });
    await testApp.db('sessions').where({ sid }).update({ sess: JSON.stringify({ cookie: {}, passport: { user: other.id } }) });
    expect((await sessionWithUser(testApp.db, sid))?.user?.id).toBe(other.id);
  });

  it.each([['text', 'abc'], ['a number too large', '99999999999999999999'], ['an object', { id: 1 }], ['a negative number', -1], ['nothing', null]])(
    'gives no user, and no error, for a session whose user is %s',
    async (_name, value) => {
      const { sid, cookie } = await storedSession(value);
      expect(await userIdOf(sid)).toBeNull();
      const found = await sessionWithUser(testApp.db, sid, 1);
      expect(found).toMatchObject({ user: null });
      expect(found?.ideaState).toBeUndefined();
      const page = await request(testApp.app).get('/').set('Cookie', cookie).expect(200);
      expect(page.text).toContain('href="/login"');
    },
  );

  it('gives nothing for an expired or unknown session', async () => {
    const { sid } = await storedSession(resident.id, -1000);
    expect(await sessionWithUser(testApp.db, sid)).toBeUndefined();
    expect(await sessionWithUser(testApp.db, 'no such session')).toBeUndefined();
  });

  it('gives no user for an erased account', async () => {
    const erased = await useErasedAccount();
    const { sid } = await storedSession(erased);
    expect(await sessionWithUser(testApp.db, sid)).toMatchObject({ user: null });
  });

  it('reads the person\u2019s own state of the idea asked for, and of no other', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const elsewhere = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const otherConsultationIdea = await buildIdea(testApp.db, { consultationId: await buildConsultation(testApp.db), authorId: author.id });
    await buildSupport(testApp.db, { ideaId: elsewhere, userId: resident.id });
    await buildSupport(testApp.db, { ideaId: otherConsultationIdea, userId: resident.id });
    await buildFollow(testApp.db, { ideaId, userId: resident.id });
    await buildSupport(testApp.db, { ideaId, userId: other.id });
    const { sid } = await storedSession(resident.id);
    expect((await sessionWithUser(testApp.db, sid, ideaId))?.ideaState).toEqual({ supported: false, usedInConsultation: 1, following: true });
    expect((await sessionWithUser(testApp.db, sid, elsewhere))?.ideaState).toEqual({ supported: true, usedInConsultation: 1, following: false });
    expect((await sessionWithUser(testApp.db, sid))?.ideaState).toBeUndefined();
    // An idea that does not exist: nothing supported, nothing used.
    expect((await sessionWithUser(testApp.db, sid, 999_999_999))?.ideaState).toEqual({ supported: false, usedInConsultation: 0, following: false });
  });

  it('ends the sessions of one account only, keeping the one given', async () => {
    const kept = await storedSession(resident.id);
    const ended = await storedSession(resident.id);
    const others = await storedSession(other.id);
    const residentSessions = await testApp.db('sessions').where({ user_id: resident.id }).count<{ count: number }[]>('* as count');
    expect(await endSessionsOf(testApp.db, resident.id, kept.sid)).toBe(Number(residentSessions[0].count) - 1);
    expect(await testApp.db('sessions').where({ user_id: resident.id }).pluck('sid')).toEqual([kept.sid]);
    const left = (await testApp.db('sessions').whereIn('sid', [kept.sid, ended.sid, others.sid]).pluck('sid')).sort();
    expect(left).toEqual([kept.sid, others.sid].sort());
  });
});

/** An account as an erasure leaves it: no email, name or password, a deletion time. */
async function useErasedAccount(): Promise<number> {
  const [row] = await testApp.db('users').insert({ email: null, display_name: null, password_hash: null, deleted_at: testApp.db.fn.now() }).returning('id');
  return Number(row.id);
}
