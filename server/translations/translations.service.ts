import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit';
import { staffRoles } from '../auth/roles';
import { forbidden, notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { mayTranslateIdea } from '../ideas/ideas.policy';
import { lockIdeaState } from '../ideas/ideas.queries';
import { translationOfIdea, upsertTranslation } from './translations.queries';
import type { TranslationForm } from './translations.schema';

/** Adds or replaces the translation of an idea into one language; staff translations are audited. */
export async function saveTranslation(db: Knex, person: Express.User, ideaId: number, form: TranslationForm): Promise<void> {
  await db.transaction(async (trx) => {
    const idea = await lockIdeaState(trx, ideaId);
    if (!idea) throw notFound();
    if (!mayTranslateIdea(person, { authorId: idea.authorId })) throw forbidden();
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
    }
  });
}
