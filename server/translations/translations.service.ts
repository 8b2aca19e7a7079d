import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit';
import { staffRoles } from '../auth/roles';
import { notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { authorChangeError, authorChangeIsRevised, translationRefusal } from '../ideas/ideas.policy';
import { lockIdeaState } from '../ideas/ideas.queries';
import { consultationById } from '../consultations/consultations.queries';
import { recordRevision } from '../ideas/idea-revisions.queries';
import { translationOfIdea, upsertTranslation } from './translations.queries';
import type { TranslationForm } from './translations.schema';

/**
 * Adds or replaces the translation of an idea into one language. Staff translations are
 * audited; the author's follow the rule of their edits, and are recorded as revisions when
 * visitors could already read the idea.
 */
export async function saveTranslation(db: Knex, person: Express.User, ideaId: number, form: TranslationForm): Promise<void> {
  await db.transaction(async (trx) => {
    const idea = await lockIdeaState(trx, ideaId);
    if (!idea) throw notFound();
    const consultation = (await consultationById(trx, idea.consultationId))!;
    const refusal = translationRefusal(person, idea, consultation.moderationMode);
    if (refusal) throw authorChangeError(refusal);
    if (form.locale === idea.originalLocale) throw new FormError({ locale: 'translations:validation.sameAsOriginal' });
    const before = await translationOfIdea(trx, ideaId, form.locale);
    await upsertTranslation(trx, ideaId, person.id, form);
    if (staffRoles.includes(person.role)) {
      await recordAudit(trx, {
        actorId: person.id,
        action: 'idea.translation_saved',
        targetType: 'idea',
        targetId: ideaId,
        before: before ? { locale: form.locale, ...before } : null,
        after: { locale: form.locale, title: form.title, description: form.description },
      });
    } else if (authorChangeIsRevised(idea)) {
      await recordRevision(trx, {
        ideaId,
        editorId: person.id,
        before: { translation: before ? { locale: form.locale, ...before } : null },
        after: { translation: { locale: form.locale, title: form.title, description: form.description } },
      });
    }
  });
}
