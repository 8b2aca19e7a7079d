import type { Knex } from 'knex';
import type { PublicChanges, PublicScope } from '../cache/public-changes';
import { versionedEntries } from '../cache/versioned-entries';
import { commentThreadsPage, type CommentThread } from '../comments/comments.queries';
import { commentsPerPage } from '../comments/comments.section';
import { milestonesOfIdea, resultPhotosOfIdea, type Milestone, type ResultPhoto } from '../milestones/milestones.queries';
import { statusHistory, type StatusHistoryEntry } from '../statuses/statuses.queries';
import { translationsOfIdea, type IdeaTranslation } from '../translations/translations.queries';
import { nebProfileOf, type NebProfile } from '../neb/neb.elements';
import { publishedLevelsOfIdea } from '../neb/neb.queries';
import { duplicateLinks, ideaById, photosOfIdea, type Idea, type IdeaLink, type IdeaPhoto } from './ideas.queries';

/** What an idea's page and API answer show the same to everyone allowed to see it. */
export interface SharedIdeaPage {
  idea: Idea;
  translations: Partial<Record<string, IdeaTranslation>>;
  photos: IdeaPhoto[];
  history: StatusHistoryEntry[];
  milestones: Milestone[];
  resultPhotos: ResultPhoto[];
  duplicateLinks: { original?: IdeaLink; duplicates: IdeaLink[] };
  /** The median of the published NEB assessments; shown only while the idea is published. */
  nebProfile?: NebProfile;
}

export interface CommentThreadsPage {
  threads: CommentThread[];
  topLevelCount: number;
}

export interface IdeaPagesInMemory {
  /** Any idea, whatever its visibility: who may see it is decided per viewer. */
  shared(ideaId: number): Promise<SharedIdeaPage | undefined>;
  comments(ideaId: number, order: 'oldest' | 'newest', page: number): Promise<CommentThreadsPage>;
}

/** Ideas whose pages are kept; a page is a few kB, so this stays within a few MB. */
const keptIdeas = 2_000;
/** Pages of comments kept, across all ideas (most ideas have one). */
const keptCommentPages = 4_000;

const ideaScope = (id: number): PublicScope => `idea:${id}`;

export function ideaPagesInMemory(db: Knex, changes: PublicChanges): IdeaPagesInMemory {
  const shared = versionedEntries<number, SharedIdeaPage>(changes, {
    max: keptIdeas,
    async load(ideaId) {
      const idea = await ideaById(db, ideaId);
      if (!idea) return undefined;
      return {
        idea,
        translations: Object.fromEntries((await translationsOfIdea(db, ideaId)).map((translation) => [translation.locale, translation])),
        photos: await photosOfIdea(db, ideaId),
        history: await statusHistory(db, ideaId),
        milestones: await milestonesOfIdea(db, ideaId),
        resultPhotos: await resultPhotosOfIdea(db, ideaId),
        duplicateLinks: await duplicateLinks(db, idea),
        nebProfile: nebProfileOf(await publishedLevelsOfIdea(db, ideaId)),
      };
    },
    // The linked ideas' titles and visibility are shown too. A new duplicate is announced on its original's scope by the triggers.
    dependsOn: (ideaId, page) => [
      ideaScope(ideaId),
      ...(page.duplicateLinks.original ? [ideaScope(page.duplicateLinks.original.id)] : []),
      ...page.duplicateLinks.duplicates.map((duplicate) => ideaScope(duplicate.id)),
    ],
  });
  const commentPages = versionedEntries<string, CommentThreadsPage>(changes, {
    max: keptCommentPages,
    load(key) {
      const [ideaId, order, page] = key.split(':');
      return commentThreadsPage(db, Number(ideaId), order as 'oldest' | 'newest', Number(page), commentsPerPage);
    },
    dependsOn: (key) => [ideaScope(Number(key.split(':')[0]))],
  });
  return {
    shared: (ideaId) => shared.get(ideaId),
    comments: async (ideaId, order, page) => (await commentPages.get(`${ideaId}:${order}:${page}`))!,
  };
}
