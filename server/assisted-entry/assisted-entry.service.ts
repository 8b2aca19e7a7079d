import type { Knex } from 'knex';
import type { SessionUser } from '../auth/session-user';
import { recordAction } from '../audit/audit';
import { FormError } from '../http/forms';
import { notFound } from '../http/errors';
import { acceptsIdeas } from '../consultations/consultations.policy';
import { consultationById } from '../consultations/consultations.queries';
import { centreOfSquare } from '../paper-forms/grid';
import { gridById } from '../paper-forms/paper-forms.queries';
import { storeNewIdea, type IdeaServices } from '../ideas/ideas.service';
import { insertIdea } from '../ideas/ideas.queries';
import type { Locale } from '../config';
import { deleteContact, insertContact } from './assisted-entry.queries';
import { visibilityOfAssistedIdea } from './assisted-entry.policy';
import { formCodePattern, type AssistedIdeaForm } from './assisted-entry.schema';

/** The centre of the grid square written on a paper form of this consultation; a problem at its field otherwise. */
async function centreOfFormSquare(db: Knex, consultationId: number, formCode: string, square: string) {
  const [, consultation, grid] = formCodePattern.exec(formCode)!;
  const stored = await gridById(db, Number(grid));
  if (!stored) throw new FormError({ formCode: 'assisted-entry:validation.formCodeUnknown' });
  if (stored.consultationId !== consultationId || Number(consultation) !== consultationId) {
    throw new FormError({ formCode: 'assisted-entry:validation.formCodeOtherConsultation' });
  }
  const centre = centreOfSquare(stored, square);
  if (!centre) throw new FormError({ gridSquare: { key: 'assisted-entry:validation.gridSquareUnknown', values: { square } } });
  return centre;
}

/**
 * A volunteer or staff enters an idea a resident gave on paper, by phone, at a library or at an
 * event: stored with no author, the channel, who entered it and when the resident's consent was
 * recorded, plus the optional contact; it then goes through the consultation's moderation like
 * any other idea. The triggers on ideas announce it to the read path.
 */
export async function enterIdeaForResident(services: IdeaServices, enteredBy: SessionUser, form: AssistedIdeaForm, fallbackLocale: Locale): Promise<{ ideaId: number; published: boolean }> {
  const consultation = await consultationById(services.db, form.consultationId);
  if (!consultation || !acceptsIdeas(consultation)) throw new FormError({ consultationId: 'ideas:validation.consultationClosed' });
  const byGrid = form.formCode && form.gridSquare ? await centreOfFormSquare(services.db, consultation.id, form.formCode, form.gridSquare) : undefined;
  const located = byGrid ? { ...form, latitude: byGrid.latitude, longitude: byGrid.longitude, place: undefined } : form;
  const visibility = visibilityOfAssistedIdea(consultation);
  const contact = { name: form.contactName ?? null, phone: form.contactPhone ?? null, email: form.contactEmail ?? null };
  const ideaId = await storeNewIdea(services, { ...located, removePhotos: [] }, fallbackLocale, consultation, [], async (trx, content) => {
    const id = await insertIdea(trx, {
      ...content,
      placeName: content.placeName ?? (byGrid ? form.gridSquare!.toUpperCase().replace(/\s+/g, '') : null),
      consultationId: consultation.id,
      authorId: null,
      visibility,
      assisted: { channel: form.channel, eventName: form.channel === 'event' ? form.eventName! : null, enteredBy: enteredBy.id, locationApproximate: Boolean(byGrid) },
    });
    if (contact.name || contact.phone || contact.email) await insertContact(trx, { ideaId: id, ...contact });
    // The consent as given: who entered it, when (the audit entry's time) and by which channel; never the contact itself.
    await recordAction(trx, enteredBy.id, 'idea.entered_for_resident', { type: 'idea', id }, {
      after: { channel: form.channel, eventName: form.eventName ?? null, consent: true, contactKept: Boolean(contact.name || contact.phone || contact.email), visibility },
    });
    return id;
  });
  return { ideaId, published: visibility === 'published' };
}

/** A resident asked to have their contact removed: staff delete it, and the audit log says so (without the contact). */
export async function deleteContactOnRequest(db: Knex, staffId: number, ideaId: number): Promise<void> {
  await db.transaction(async (trx) => {
    const removed = await deleteContact(trx, ideaId);
    if (!removed) throw notFound();
    await recordAction(trx, staffId, 'assisted_contact.deleted', { type: 'idea', id: ideaId }, { reason: 'request' });
  });
}
