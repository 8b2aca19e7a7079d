import type { Locale } from '../config';
import { formatDate } from '../i18n/format';
import { escapeHtml, plainTextWithLinks } from '../http/plain-text';
import type { NotificationServices } from './comment-digest';
import { unsubscribeToken } from './unsubscribe-token';
import { followersWanting } from '../follows/follows.queries';
import { milestoneForEmail } from '../milestones/milestones.queries';
import type { JobPayloads } from '../jobs/jobs.queries';

/** Emails followers who want updates about a new milestone, each in their language (the text in theirs when staff wrote one). */
export function milestoneUpdateHandler(services: NotificationServices) {
  return async (payload: JobPayloads['milestone_update']): Promise<void> => {
    const { db } = services;
    const milestone = await milestoneForEmail(db, Number(payload.milestoneId));
    if (!milestone) return;
    const followers = await followersWanting(db, milestone.ideaId, 'updates');
    const ideaUrl = `${services.baseUrl}/ideas/${milestone.ideaId}#milestones`;
    for (const follower of followers) {
      const locale = follower.locale as Locale;
      const t = services.localization.translatorFor(locale);
      const pick = (texts: Partial<Record<string, string>> | null) => (texts ? (texts[locale] ?? Object.values(texts)[0]) : undefined);
      const kind = milestone.kind === 'other' ? (pick(milestone.label) ?? '') : t(`milestones:kinds.${milestone.kind}`);
      const text = pick(milestone.text) ?? '';
      const subject = t('milestones:email.subject', { title: milestone.title, milestone: kind });
      const when = t('milestones:email.when', { date: formatDate(locale, milestone.happenedOn) });
      const progress = milestone.progress === null ? undefined : t('milestones:progressValue', { progress: milestone.progress });
      const unsubscribeUrl = `${services.baseUrl}/unsubscribe?token=${unsubscribeToken(services.secret, follower.id, 'updates')}`;
      const lines = [subject, when, ...(progress ? [progress] : []), '', text, '', `${t('notifications:ideaUpdate.open')} ${ideaUrl}`, '', `${t('notifications:unsubscribe.updates')} ${unsubscribeUrl}`];
      const html = [
        `<p>${plainTextWithLinks(subject)}</p>`,
        `<p>${plainTextWithLinks(when)}${progress ? `<br>${plainTextWithLinks(progress)}` : ''}</p>`,
        `<blockquote>${plainTextWithLinks(text)}</blockquote>`,
        `<p><a href="${escapeHtml(ideaUrl)}">${plainTextWithLinks(t('notifications:ideaUpdate.open'))}</a></p>`,
        `<p><small><a href="${escapeHtml(unsubscribeUrl)}">${plainTextWithLinks(t('notifications:unsubscribe.updates'))}</a></small></p>`,
      ].join('\n');
      await services.mailer.send({ to: follower.email, subject, text: lines.join('\n'), html, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` } });
    }
  };
}
