import type { Locale } from '../config';
import type { NotificationServices } from '../notifications/comment-digest';
import { plainTextWithLinks } from '../http/plain-text';
import type { JobPayloads } from '../jobs/jobs.queries';
import { ideaWithAuthorContact } from '../ideas/ideas.queries';

/** Tells an idea's author, in their language, that a moderator published or hid it, and why. */
export function moderationDecisionHandler(services: NotificationServices) {
  return async (payload: JobPayloads['moderation_decision']): Promise<void> => {
    const idea = await ideaWithAuthorContact(services.db, Number(payload.ideaId));
    if (!idea) return;
    const decision = payload.decision === 'hidden' ? 'hidden' : 'published';
    const reason = typeof payload.reason === 'string' ? payload.reason : undefined;
    const t = services.localization.translatorFor(idea.locale as Locale);
    const ideaUrl = `${services.baseUrl}/ideas/${idea.id}`;
    const subject = t(`moderation:mail.${decision}.subject`, { title: idea.title });
    const intro = t(`moderation:mail.${decision}.intro`, { title: idea.title });
    const text = [intro, ...(reason ? ['', t('moderation:mail.reason'), reason] : []), '', `${t('moderation:mail.open')} ${ideaUrl}`].join('\n');
    const html = [
      `<p>${plainTextWithLinks(intro)}</p>`,
      reason ? `<p><strong>${plainTextWithLinks(t('moderation:mail.reason'))}</strong></p><blockquote>${plainTextWithLinks(reason)}</blockquote>` : '',
      `<p><a href="${plainTextWithLinks(ideaUrl)}">${plainTextWithLinks(t('moderation:mail.open'))}</a></p>`,
    ].join('\n');
    await services.mailer.send({ to: idea.email, subject, text, html });
  };
}
