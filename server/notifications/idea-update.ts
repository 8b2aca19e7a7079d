import type { Locale } from '../config';
import { escapeHtml, plainTextWithLinks } from '../http/plain-text';
import type { NotificationServices } from './comment-digest';
import { unsubscribeToken } from './unsubscribe-token';
import { followersWanting } from '../follows/follows.queries';
import { statusChangeForEmail } from '../statuses/statuses.queries';
import type { JobPayloads } from '../jobs/jobs.queries';

/** Emails followers who want updates about a status change and its official answer, each in their language. */
export function ideaUpdateHandler(services: NotificationServices) {
  return async (payload: JobPayloads['idea_update']): Promise<void> => {
    const { db } = services;
    const change = await statusChangeForEmail(db, Number(payload.changeId));
    if (!change) return;
    const followers = await followersWanting(db, change.ideaId, 'updates');
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
