import type { Knex } from 'knex';
import { revisionsBy } from '../ideas/idea-revisions.queries';
import { assessmentsBy } from '../neb/neb.queries';
import type { PhotoStorage } from '../uploads/photo-storage';
import { milestonesBy } from '../milestones/milestones.queries';

/**
 * Everything Kopā holds about one person, as one object: their account, their own texts,
 * and what they did (supports, reports, follows). Other people's content appears only as the
 * id and address of the idea or comment concerned, never by its text or author.
 */
export async function personalData(db: Knex, userId: number, options: { baseUrl: string; storage: PhotoStorage }) {
  const ideaUrl = (id: number) => `${options.baseUrl}/ideas/${id}`;
  const account = await db('users')
    .where({ id: userId })
    .whereNull('deleted_at')
    .first(
      'id',
      'email',
      'display_name as displayName',
      'preferred_locale as preferredLanguage',
      'role',
      'created_at as createdAt',
      'updated_at as updatedAt',
      'last_login_at as lastLoginAt',
      'email_verified_at as emailVerifiedAt',
      'notify_comments as emailAboutComments',
      'notify_updates as emailAboutUpdates',
      'totp_enabled_at as twoFactorEnabledAt',
      'inactivity_warned_at as inactivityWarningSentAt',
    );
  if (!account) return undefined;
  const ideas = await db('ideas')
    .join('categories', 'categories.id', 'ideas.category_id')
    .join('consultations', 'consultations.id', 'ideas.consultation_id')
    .where('ideas.author_id', userId)
    .orderBy('ideas.id')
    .select(
      'ideas.id',
      'ideas.title',
      'ideas.description',
      'ideas.original_locale as language',
      'categories.slug as category',
      'consultations.slug as consultation',
      'ideas.neb_values as nebValues',
      'ideas.neb_sentences as nebSentences',
      'ideas.latitude',
      'ideas.longitude',
      'ideas.place_name as placeName',
      'ideas.status',
      'ideas.visibility',
      'ideas.support_count as supportCount',
      'ideas.comment_count as commentCount',
      'ideas.created_at as createdAt',
      'ideas.updated_at as updatedAt',
    );
  const photos = ideas.length
    ? await db('idea_photos').whereIn('idea_id', ideas.map((idea) => idea.id)).orderBy(['idea_id', 'position']).select('idea_id', 'large_key')
    : [];
  const comments = await db('comments')
    .where({ author_id: userId })
    .orderBy('id')
    .select('id', 'idea_id as ideaId', 'parent_id as replyTo', 'body', 'created_at as createdAt', 'edited_at as editedAt', 'deleted_at as deletedAt', 'hidden_at as hiddenAt');
  const supports = await db('supports').where({ user_id: userId }).orderBy('created_at').select('idea_id as ideaId', 'created_at as createdAt');
  const reports = await db('reports')
    .where({ reporter_id: userId })
    .orderBy('id')
    .select('id', 'idea_id as ideaId', 'comment_id as commentId', 'reason', 'details', 'created_at as createdAt', 'resolved_at as resolvedAt');
  const follows = await db('follows').where({ user_id: userId }).orderBy('created_at').select('idea_id as ideaId', 'created_at as createdAt');
  const ideaEdits = await revisionsBy(db, userId);
  const nebAssessments = await assessmentsBy(db, userId);
  const staffActions = await db('audit_log')
    .where({ actor_id: userId })
    .orderBy('id')
    .select('action', 'target_type as targetType', 'target_id as targetId', 'created_at as createdAt');
  const milestones = await milestonesBy(db, userId);
  return {
    account,
    ideas: ideas.map((idea) => ({
      ...idea,
      url: ideaUrl(idea.id),
      photos: photos.filter((photo) => photo.idea_id === idea.id).map((photo) => `${options.baseUrl}${options.storage.urlFor(photo.large_key)}`),
    })),
    comments: comments.map((comment) => ({ ...comment, url: `${ideaUrl(comment.ideaId)}#comment-${comment.id}` })),
    supports: supports.map((support) => ({ ...support, url: ideaUrl(support.ideaId) })),
    reports,
    follows: follows.map((follow) => ({ ...follow, url: ideaUrl(follow.ideaId) })),
    ideaEdits: ideaEdits.map((edit) => ({ ...edit, url: ideaUrl(edit.ideaId) })),
    nebAssessments: nebAssessments.map(({ assessorId: _assessor, assessorName: _name, ...assessment }) => ({ ...assessment, url: ideaUrl(assessment.ideaId) })),
    staffActions,
    milestones: milestones.map((milestone) => ({ ...milestone, url: `${ideaUrl(milestone.ideaId)}#milestone-${milestone.id}` })),
    // Workshop participants take part anonymously: nothing links a workshop to an account.
    workshopParticipations: { linkedToAccount: false, records: [] as never[] },
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof personalData>>>;
