import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { Localization } from '../i18n/i18n';
import type { Mailer } from '../mail/mailer';
import { escapeHtml as escapeAttribute, plainTextWithLinks } from '../http/plain-text';
import { enqueueJob, type JobPayloads } from '../jobs/jobs.queries';
import { unsubscribeToken } from './unsubscribe-token';
import { lastCommentDigest, recordCommentDigest } from './notifications.queries';
import { followersWanting } from '../follows/follows.queries';
import { shownCommentsAfter } from '../comments/comments.queries';
import { publishedIdeaTitle } from '../ideas/ideas.queries';

const hourMs = 60 * 60 * 1000;
const digestKey = (ideaId: number) => `comment_digest:${ideaId}`;

/** Called with the transaction that adds a comment: one digest job per idea waits at a time. */
export async function enqueueCommentDigest(trx: Knex, ideaId: number): Promise<void> {
  const last = await lastCommentDigest(trx, ideaId);
  const soonest = Date.now() + 60_000;
  const runAt = new Date(last ? Math.max(soonest, new Date(last.sent_at).getTime() + hourMs) : soonest);
  await enqueueJob(trx, 'comment_digest', { ideaId }, { runAt, dedupeKey: digestKey(ideaId) });
}

export interface NotificationServices {
  db: Knex;
  mailer: Mailer;
  localization: Localization;
  baseUrl: string;
  secret: string;
}

const escapeHtml = (text: string) => plainTextWithLinks(text);

/** Emails every follower who wants comment news, in their own language, about comments since the last digest. */
export function commentDigestHandler(services: NotificationServices) {
  return async (payload: JobPayloads['comment_digest']): Promise<void> => {
    const { db } = services;
    const ideaId = Number(payload.ideaId);
    const previous = await lastCommentDigest(db, ideaId);
    if (previous && Date.now() - new Date(previous.sent_at).getTime() < hourMs) {
      await enqueueJob(db, 'comment_digest', { ideaId }, { runAt: new Date(new Date(previous.sent_at).getTime() + hourMs), dedupeKey: digestKey(ideaId) });
      return;
    }
    const idea = await publishedIdeaTitle(db, ideaId);
    if (!idea) return;
    const comments = await shownCommentsAfter(db, ideaId, previous?.last_comment_id ?? 0);
    if (!comments.length) return;
    const followers = await followersWanting(db, ideaId, 'comments');
    const ideaUrl = `${services.baseUrl}/ideas/${ideaId}#comments`;
    for (const follower of followers) {
      const news = comments.filter((comment) => comment.authorId !== follower.id);
      if (!news.length) continue;
      const t = services.localization.translatorFor(follower.locale as Locale);
      const unsubscribeUrl = `${services.baseUrl}/unsubscribe?token=${unsubscribeToken(services.secret, follower.id, 'comments')}`;
      const subject = t('notifications:commentDigest.subject', { count: news.length, title: idea.title });
      const lines = news.slice(0, 10).map((comment) => `${comment.authorName ?? t('ideas:show.formerParticipant')}: ${comment.body}`);
      const text = [subject, '', ...lines, '', `${t('notifications:commentDigest.open')} ${ideaUrl}`, '', `${t('notifications:unsubscribe.comments')} ${unsubscribeUrl}`].join('\n');
      const html = [
        `<p>${escapeHtml(subject)}</p>`,
        ...news.slice(0, 10).map((comment) => `<blockquote><strong>${escapeHtml(comment.authorName ?? t('ideas:show.formerParticipant'))}</strong><br>${escapeHtml(comment.body)}</blockquote>`),
        `<p><a href="${escapeAttribute(ideaUrl)}">${escapeHtml(t('notifications:commentDigest.open'))}</a></p>`,
        `<p><small><a href="${escapeAttribute(unsubscribeUrl)}">${escapeHtml(t('notifications:unsubscribe.comments'))}</a></small></p>`,
      ].join('\n');
      await services.mailer.send({ to: follower.email, subject, text, html, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` } });
    }
    await recordCommentDigest(db, ideaId, comments[comments.length - 1].id);
  };
}
