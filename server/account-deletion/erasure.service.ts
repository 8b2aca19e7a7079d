import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { notFound } from '../http/errors';
import { recordAction } from '../audit/audit';
import type { PhotoStorage } from '../uploads/photo-storage';
import { endSessionsOf } from '../auth/sessions.queries';
import { anonymiseAccount, lockAccount } from '../auth/auth.queries';
import { deleteAccountTokensOf } from '../verification/verification.queries';
import { detachCommentsFromAuthor, markCommentsOfAuthorDeleted } from '../comments/comments.queries';
import { deleteFollowsOf } from '../follows/follows.queries';
import { deleteReportsBy } from '../reports/reports.queries';
import { deleteSupportsOf } from '../supports/supports.queries';
import { deleteRecoveryCodesOf } from '../two-factor/two-factor.queries';
import { adjustIdeaCounter, deleteIdeaRows, detachIdeasFromAuthor, lockErasableIdeasOf, lockIdeasInIdOrder } from '../ideas/ideas.queries';
import { asJsonText, redactedJson, redactedText } from './redaction';

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
  const ideaIds = (await trx('supports').where({ user_id: userId }).select('idea_id')).map((row) => Number(row.idea_id));
  if (!ideaIds.length) return;
  await lockIdeasInIdOrder(trx, ideaIds);
  await deleteSupportsOf(trx, userId);
  await adjustIdeaCounter(trx, 'support_count', ideaIds, -1);
}

async function removeComments(trx: Knex, userId: number): Promise<void> {
  const perIdea: { idea_id: number; count: number | string }[] = await trx('comments')
    .where({ author_id: userId })
    .whereNull('deleted_at')
    .groupBy('idea_id')
    .select('idea_id', trx.raw('count(*)::int as count'));
  if (!perIdea.length) return;
  await lockIdeasInIdOrder(trx, perIdea.map((row) => Number(row.idea_id)));
  // As when a person deletes a comment: the text goes, the row keeps replies in their place.
  await markCommentsOfAuthorDeleted(trx, userId);
  for (const row of perIdea) {
    await adjustIdeaCounter(trx, 'comment_count', [Number(row.idea_id)], -Number(row.count));
  }
}

/** Drafts always go (nobody else saw them); with removeContent, also ideas no one else took part in. */
async function removeIdeas(trx: Knex, userId: number, removeContent: boolean): Promise<string[]> {
  const ideaIds = await lockErasableIdeasOf(trx, userId, removeContent);
  if (!ideaIds.length) return [];
  const photos = await trx('idea_photos').whereIn('idea_id', ideaIds).select('large_key', 'thumbnail_key');
  await deleteIdeaRows(trx, ideaIds);
  return photos.flatMap((photo) => [photo.large_key, photo.thumbnail_key]);
}

/**
 * Personal data copied into logs: audit entries (redacted in place under the erasure flag
 * that the audit trigger accepts), jobs and rate-limit keys.
 */
async function redactCopies(trx: Knex, userId: number, email: string, displayName: string): Promise<void> {
  const needles = [email, displayName];
  const jsonNeedles = needles.map(asJsonText);
  const mentions = (column: string) => (where: Knex.QueryBuilder) => {
    for (const needle of jsonNeedles) where.orWhereRaw(`strpos(lower(${column}::text), lower(?)) > 0`, [needle]);
  };
  await trx.raw(`select set_config('kopa.erasure', 'on', true)`);
  const entries = await trx('audit_log')
    .where((where) => {
      mentions('before')(where);
      mentions('after')(where);
      for (const needle of needles) where.orWhereRaw('strpos(lower(reason), lower(?)) > 0', [needle]);
    })
    .select('id', 'before', 'after', 'reason');
  for (const entry of entries) {
    await trx('audit_log')
      .where({ id: entry.id })
      .update({
        before: entry.before === null ? null : JSON.stringify(redactedJson(entry.before, needles)),
        after: entry.after === null ? null : JSON.stringify(redactedJson(entry.after, needles)),
        reason: entry.reason === null ? null : redactedText(entry.reason, needles),
      });
  }
  await trx.raw(`select set_config('kopa.erasure', 'off', true)`);

  await trx('jobs').whereRaw(`payload ->> 'userId' = ?`, [String(userId)]).delete();
  const jobs = await trx('jobs')
    .where((where) => {
      mentions('payload')(where);
      for (const needle of needles) where.orWhereRaw('strpos(lower(last_error), lower(?)) > 0', [needle]);
    })
    .select('id', 'payload', 'last_error');
  for (const job of jobs) {
    await trx('jobs')
      .where({ id: job.id })
      .update({ payload: JSON.stringify(redactedJson(job.payload, needles)), last_error: job.last_error === null ? null : redactedText(job.last_error, needles) });
  }
  const emailHash = createHash('sha256').update(email.toLowerCase()).digest('hex');
  await trx('rate_limits')
    .where((where) => where.whereRaw('strpos(lower(key), lower(?)) > 0', [email]).orWhereRaw('strpos(key, ?) > 0', [emailHash]).orWhereIn('key', ['verify-resend', 'totp-account', 'erase-account'].map((prefix) => `${prefix}:${userId}`)))
    .delete();
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

/** The last admin cannot be erased: nobody could run the site afterwards. */
export async function isLastAdmin(db: Knex, userId: number): Promise<boolean> {
  const user = await db('users').where({ id: userId }).first('role');
  if (user?.role !== 'admin') return false;
  const [{ count }] = await db('users').where({ role: 'admin' }).whereNull('deleted_at').count({ count: '*' });
  return Number(count) <= 1;
}
