import type { Locale } from '../config';
import { escapeHtml, plainTextWithLinks } from '../http/plain-text';
import type { NotificationServices } from './comment-digest';
import { unsubscribeToken } from './unsubscribe-token';
import type { JobPayloads } from '../jobs/jobs.queries';

/** Emails followers who want updates about a status change and its official answer, each in their language. */
export function ideaUpdateHandler(services: NotificationServices) {
  return async (payload: JobPayloads['idea_update']): Promise<void> => {
    const { db } = services;
    const change = await db('idea_status_changes')
      .join('ideas', 'ideas.id', 'idea_status_changes.idea_id')
      .where('idea_status_changes.id', Number(payload.changeId))
      .first('ideas.id as ideaId', 'ideas.title', 'idea_status_changes.to_status as status', 'idea_status_changes.answer');
    if (!change) return;
    const followers = await db('follows')
      .join('users', 'users.id', 'follows.user_id')
      .where({ 'follows.idea_id': change.ideaId, 'users.notify_updates': true })
      .select('users.id', 'users.email', 'users.preferred_locale as locale');
    const ideaUrl = `${services.baseUrl}/ideas/${change.ideaId}#status-history`;
    for (const follower of followers) {
      const locale = follower.locale as Locale;
      const t = services.localization.translatorFor(locale);
      const answer: string | undefined = change.answer ? (change.answer[locale] ?? Object.values(change.answer)[0]) : undefined;
      const unsubscribeUrl = `${services.baseUrl}/unsubscribe?token=${unsubscribeToken(services.secret, follower.id, 'updates')}`;
      const subject = t('notifications:ideaUpdate.subject', { title: change.title, status: t(`ideas:status.${change.status}`) });
      const text = [
        subject,
        ...(answer ? ['', t('statuses:officialAnswer'), answer] : []),
        '',
        `${t('notifications:ideaUpdate.open')} ${ideaUrl}`,
        '',
        `${t('notifications:unsubscribe.updates')} ${unsubscribeUrl}`,
      ].join('\n');
      const html = [
        `<p>${plainTextWithLinks(subject)}</p>`,
        answer ? `<p><strong>${plainTextWithLinks(t('statuses:officialAnswer'))}</strong></p><blockquote>${plainTextWithLinks(answer)}</blockquote>` : '',
        `<p><a href="${escapeHtml(ideaUrl)}">${plainTextWithLinks(t('notifications:ideaUpdate.open'))}</a></p>`,
        `<p><small><a href="${escapeHtml(unsubscribeUrl)}">${plainTextWithLinks(t('notifications:unsubscribe.updates'))}</a></small></p>`,
      ].join('\n');
      await services.mailer.send({ to: follower.email, subject, text, html, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` } });
    }
  };
}
