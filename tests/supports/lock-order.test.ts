import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';
import { supportIdea } from '../../server/supports/supports.service';
import { insertComment, lockIdeaForComment } from '../../server/comments/comments.queries';

const { testApp } = useScene();
const onServer = Boolean(process.env.DATABASE_URL);

/** On PostgreSQL: waits until some query waits for a row lock, so the interleaving below is the one that deadlocked. */
async function untilSomeoneWaitsForALock(): Promise<void> {
  if (!onServer) return;
  for (let tries = 0; tries < 100; tries++) {
    const { rows } = await testApp.db.raw("select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()");
    if (rows[0].waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the support never waited for the idea');
}

describe('a support and a comment by the same person on the same idea at once', () => {
  it('both go through: the account lock does not block the comment’s reference to the account', async () => {
    const consultationId = await buildConsultation(testApp.db);
    const author = await buildUser(testApp.db);
    const resident = await buildUser(testApp.db);
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });

    let support: Promise<unknown> | undefined;
    // The comment's transaction holds the idea; the support then holds the account and waits for the idea;
    // the comment's insert must still get past its check of the account.
    await testApp.db.transaction(async (trx) => {
      await lockIdeaForComment(trx, ideaId);
      support = supportIdea(testApp.db, resident.id, ideaId);
      await untilSomeoneWaitsForALock();
      await insertComment(trx, { ideaId, authorId: resident.id, parentId: null, body: 'Both at once' });
    });
    await expect(support).resolves.toMatchObject({ supported: true, supportCount: 1 });
    expect(await testApp.db('comments').where({ idea_id: ideaId }).pluck('body')).toEqual(['Both at once']);
  });
});
