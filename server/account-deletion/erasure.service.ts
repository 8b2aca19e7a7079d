import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { deleteRevisionsBy } from '../ideas/idea-revisions.queries';
import { notFound } from '../http/errors';
import { recordAction } from '../audit/audit';
import type { PhotoStorage } from '../uploads/photo-storage';
import { endSessionsOf } from '../auth/sessions.queries';
import { anonymiseAccount, lockAccount } from '../auth/auth.queries';
import { redactAuditEntriesMentioning } from '../audit/audit.queries';
import type { Redaction } from '../db/mentions';
import { deleteRateLimitsOf } from '../http/rate-limit-store';
import { deleteJobsOfUser, redactJobsMentioning } from '../jobs/jobs.queries';
import { deleteAccountTokensOf } from '../verification/verification.queries';
import { detachCommentsFromAuthor, liveCommentCountsOf, markCommentsOfAuthorDeleted } from '../comments/comments.queries';
import { deleteFollowsOf } from '../follows/follows.queries';
import { deleteReportsBy } from '../reports/reports.queries';
import { deleteSupportsOf, ideaIdsSupportedBy } from '../supports/supports.queries';
import { deleteRecoveryCodesOf } from '../two-factor/two-factor.queries';
import { adjustIdeaCounter, deleteIdeaRows, detachIdeasFromAuthor, lockErasableIdeasOf, lockIdeasInIdOrder, photoKeysOfIdeas } from '../ideas/ideas.queries';
import { milestonePhotoKeysOfIdeas } from '../milestones/milestones.queries';
import { redactedJson, redactedText } from './redaction';

export interface ErasureServices {
  db: Knex;
  storage: PhotoStorage;
  /** The .eml outbox when there is no SMTP server: emails to the person are removed too. */
  outboxDir?: string;
}

export interface ErasureRequest {
  /** Also delete their comments, and their ideas that nobody else supported or commented. */
  removeContent: boolean;
  /** An admin acting on the person's request, recorded in the audit log (without the email). */
  byAdmin?: { id: number; reason: string };
  /** The maintenance command, for an account inactive this many months. */
  byMaintenance?: { inactiveMonths: number };
}

/** Supports go first, each idea's count decremented under its row lock, so counts stay exact while others support. */
async function removeSupports(trx: Knex, userId: number): Promise<void> {
  const ideaIds = await ideaIdsSupportedBy(trx, userId);
  if (!ideaIds.length) return;
  await lockIdeasInIdOrder(trx, ideaIds);
  await deleteSupportsOf(trx, userId);
  await adjustIdeaCounter(trx, 'support_count', ideaIds, -1);
}

async function removeComments(trx: Knex, userId: number): Promise<void> {
  const perIdea = await liveCommentCountsOf(trx, userId);
  if (!perIdea.length) return;
  await lockIdeasInIdOrder(trx, perIdea.map((row) => row.ideaId));
  // As when a person deletes a comment: the text goes, the row keeps replies in their place.
  await markCommentsOfAuthorDeleted(trx, userId);
  for (const row of perIdea) {
    await adjustIdeaCounter(trx, 'comment_count', [row.ideaId], -row.count);
  }
}

/** Drafts always go (nobody else saw them); with removeContent, also ideas no one else took part in. */
async function removeIdeas(trx: Knex, userId: number, removeContent: boolean): Promise<string[]> {
  const ideaIds = await lockErasableIdeasOf(trx, userId, removeContent);
  if (!ideaIds.length) return [];
  const photoKeys = [...(await photoKeysOfIdeas(trx, ideaIds)), ...(await milestonePhotoKeysOfIdeas(trx, ideaIds))];
  await deleteIdeaRows(trx, ideaIds);
  return photoKeys;
}

/**
 * Personal data copied into logs: audit entries (redacted in place under the erasure flag
 * that the audit trigger accepts), jobs and rate-limit keys.
 */
async function redactCopies(trx: Knex, userId: number, email: string, displayName: string): Promise<void> {
  const needles = [email, displayName];
  const redaction: Redaction = { json: (value) => redactedJson(value, needles), text: (text) => redactedText(text, needles) };
  await redactAuditEntriesMentioning(trx, needles, redaction);
  await deleteJobsOfUser(trx, userId);
  await redactJobsMentioning(trx, needles, redaction);
  await deleteRateLimitsOf(trx, {
    email,
    emailHash: createHash('sha256').update(email.toLowerCase()).digest('hex'),
    keys: ['verify-resend', 'totp-account', 'erase-account'].map((prefix) => `${prefix}:${userId}`),
  });
}

async function removeOutboxMails(outboxDir: string, email: string): Promise<void> {
  const names = await fs.readdir(outboxDir).catch(() => [] as string[]);
  const addressed = new RegExp(`^To: .*${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'im');
  for (const name of names.filter((file) => file.endsWith('.eml'))) {
    const file = path.join(outboxDir, name);
    const head = (await fs.readFile(file, 'utf8').catch(() => '')).split(/\r?\n\r?\n/, 1)[0];
    if (addressed.test(head)) await fs.rm(file, { force: true });
  }
}

/**
 * Erases an account: the row stays (staff actions and foreign keys refer to it) but loses
 * email, display name and password hash; sessions, follows, settings, reports, tokens and
 * second factor go; ideas and comments stay as by "a former participant" unless the person
 * asked to remove their content. One transaction; photos and outbox files after it.
 */
export async function eraseAccount(services: ErasureServices, userId: number, request: ErasureRequest): Promise<void> {
  const { email, photoKeys } = await services.db.transaction(async (trx) => {
    const user = await lockAccount(trx, userId, { activeOnly: true });
    if (!user) throw notFound();
    // An account not yet erased has both.
    const [email, displayName] = [user.email as string, user.displayName as string];
    await removeSupports(trx, userId);
    if (request.removeContent) await removeComments(trx, userId);
    const keys = await removeIdeas(trx, userId, request.removeContent);
    await deleteRevisionsBy(trx, userId);
    await detachIdeasFromAuthor(trx, userId);
    await detachCommentsFromAuthor(trx, userId);
    await deleteFollowsOf(trx, userId);
    await deleteReportsBy(trx, userId);
    await deleteAccountTokensOf(trx, userId);
    await deleteRecoveryCodesOf(trx, userId);
    await endSessionsOf(trx, userId);
    await redactCopies(trx, userId, email, displayName);
    await anonymiseAccount(trx, userId);
    if (request.byAdmin) {
      await recordAction(trx, request.byAdmin.id, 'user.erased', { type: 'user', id: userId }, {
        reason: redactedText(request.byAdmin.reason, [email, displayName]),
        before: { role: user.role },
        after: { contentRemoved: request.removeContent },
      });
    }
    if (request.byMaintenance) {
      await recordAction(trx, null, 'user.anonymised_inactive', { type: 'user', id: userId }, {
        before: { role: user.role },
        after: { inactiveMonths: request.byMaintenance.inactiveMonths },
      });
    }
    return { email, photoKeys: keys };
  });
  await Promise.all(photoKeys.map((key) => services.storage.delete(key)));
  if (services.outboxDir) await removeOutboxMails(services.outboxDir, email);
}
