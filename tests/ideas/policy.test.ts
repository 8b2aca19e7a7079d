import { authorChangeIsRevised, authorChangeRefusal, mayDeleteIdea, mayViewIdea, mayViewIdeaOnStaffPage, translationRefusal, type AuthorChangeRefusal, type ModerationMode } from '../../server/ideas/ideas.policy';
import type { IdeaVisibility } from '../../server/ideas/ideas.queries';
import { ideaStatuses, type IdeaStatus } from '../../server/ideas/ideas.schema';

const author = { id: 1, role: 'resident' as const, blockedAt: null };
const blockedAuthor = { ...author, blockedAt: new Date() };
const neighbour = { id: 2, role: 'resident' as const, blockedAt: null };
const moderator = { id: 3, role: 'moderator' as const, blockedAt: null };
const admin = { id: 4, role: 'admin' as const, blockedAt: null };
const actors = { author, neighbour, moderator, admin, anonymous: undefined };
type Actor = keyof typeof actors;

const modes: ModerationMode[] = ['pre', 'post'];
const visibilities: IdeaVisibility[] = ['draft', 'workshop', 'pending', 'published', 'hidden'];

/** The rule, written out once more as the issue states it. */
function expectedAuthorRefusal(mode: ModerationMode, visibility: IdeaVisibility, status: IdeaStatus, actor: Actor): AuthorChangeRefusal | undefined {
  if (actor !== 'author') return 'notAuthor';
  if (status !== 'new') return 'underReview';
  if (mode === 'pre' && (visibility === 'published' || visibility === 'hidden')) return 'moderated';
  return undefined;
}

const table = modes.flatMap((mode) =>
  visibilities.flatMap((visibility) => ideaStatuses.flatMap((status) => (Object.keys(actors) as Actor[]).map((actor) => [mode, visibility, status, actor] as const))),
);

describe('who may change an idea: consultation moderation × visibility × status × person', () => {
  it.each(table)('%s-moderated, %s, %s, %s', (mode, visibility, status, actor) => {
    const idea = { authorId: 1, visibility, status };
    const expected = expectedAuthorRefusal(mode, visibility, status, actor);
    expect(authorChangeRefusal(actors[actor], idea, mode)).toBe(expected);
    // Translations: staff always; the author exactly when they may edit.
    const staff = actor === 'moderator' || actor === 'admin';
    expect(translationRefusal(actors[actor], idea, mode)).toBe(staff ? undefined : expected);
  });

  it('spells out the cases the issue is about', () => {
    const published = { authorId: 1, visibility: 'published' as const, status: 'new' as const };
    expect(authorChangeRefusal(author, published, 'pre')).toBe('moderated');
    expect(authorChangeRefusal(author, { ...published, visibility: 'pending' }, 'pre')).toBeUndefined();
    expect(authorChangeRefusal(author, published, 'post')).toBeUndefined();
    expect(translationRefusal(author, { ...published, status: 'accepted' }, 'post')).toBe('underReview');
    expect(translationRefusal(author, published, 'pre')).toBe('moderated');
    expect(translationRefusal(moderator, { ...published, status: 'accepted' }, 'pre')).toBeUndefined();
  });

  it('a blocked person translates nothing, even their own idea while it is new', () => {
    expect(translationRefusal(blockedAuthor, { authorId: 1, visibility: 'published', status: 'new' }, 'post')).toBe('notAuthor');
    expect(translationRefusal({ ...moderator, blockedAt: new Date() }, { authorId: 1, visibility: 'published', status: 'new' }, 'post')).toBe('notAuthor');
  });

  it('an idea without an author (a workshop pin, an erased account) is nobody’s to change', () => {
    expect(authorChangeRefusal({ id: 0, role: 'resident' }, { authorId: null, visibility: 'published', status: 'new' }, 'post')).toBe('notAuthor');
  });

  it.each(visibilities.map((visibility) => [visibility, visibility === 'published' || visibility === 'hidden'] as const))(
    'an author’s change of a %s idea is recorded as a revision: %s',
    (visibility, revised) => {
      expect(authorChangeIsRevised({ visibility })).toBe(revised);
    },
  );

  it.each([
    [author, 'new', true],
    [author, 'under_review', false],
    [neighbour, 'new', false],
    [moderator, 'new', false],
  ] as const)('deleting stays as it was: %j, %s → %s', (person, status, expected) => {
    expect(mayDeleteIdea(person, { authorId: 1, status })).toBe(expected);
  });
});

describe('who may read an idea on the staff page, and on its public page: visibility × person', () => {
  const planner = { id: 5, role: 'planner' as const, blockedAt: null };
  const facilitator = { id: 6, role: 'facilitator' as const, blockedAt: null };
  const people = { ...actors, planner, facilitator };
  // The staff page: staff and planners see every idea but a draft; the author (who never gets past the role check) their own.
  const staffPage: Record<IdeaVisibility, (keyof typeof people)[]> = {
    draft: ['author'],
    workshop: ['author', 'moderator', 'admin', 'planner'],
    pending: ['author', 'moderator', 'admin', 'planner'],
    published: ['author', 'neighbour', 'moderator', 'admin', 'anonymous', 'planner', 'facilitator'],
    hidden: ['author', 'moderator', 'admin', 'planner'],
  };
  it.each(visibilities.flatMap((visibility) => (Object.keys(people) as (keyof typeof people)[]).map((person) => [visibility, person] as const)))('%s, %s', (visibility, person) => {
    const idea = { authorId: 1, visibility };
    expect(mayViewIdeaOnStaffPage(people[person], idea)).toBe(staffPage[visibility].includes(person));
    // The public page stays closed to planners for what visitors do not see.
    if (person === 'planner') expect(mayViewIdea(planner, idea)).toBe(visibility === 'published');
  });
});
