import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit';
import { isUniqueViolation } from '../db/errors';
import { notFound } from '../http/errors';
import type { FieldProblem } from '../http/forms';
import { parseArea } from './consultation-area';
import { consultationRecord, insertConsultation, lockConsultation, updateConsultationRow, type ConsultationRecord } from './consultations.queries';
import type { ConsultationForm } from './consultations.schema';

/** The form had problems; nothing was stored. */
export class ConsultationFormError extends Error {
  constructor(readonly fieldErrors: Record<string, FieldProblem>) {
    super('consultation form has errors');
  }
}

function recordOf(form: ConsultationForm): ConsultationRecord {
  const area = parseArea(form.area);
  if ('problem' in area) throw new ConsultationFormError({ area: { key: area.problem, values: { detail: area.detail ?? '' } } });
  return {
    slug: form.slug,
    title: { lv: form.title_lv, ru: form.title_ru, en: form.title_en },
    description: { lv: form.description_lv, ru: form.description_ru, en: form.description_en },
    area: area.area,
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    phase: form.phase,
    moderationMode: form.moderationMode,
    supportBudget: form.supportBudget ?? null,
    supportPhases: form.supportPhases,
  };
}

async function refusingTakenSlug<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConsultationFormError({ slug: 'consultations:validation.slugTaken' });
    throw error;
  }
}

export async function createConsultation(db: Knex, adminId: number, form: ConsultationForm): Promise<number> {
  const record = recordOf(form);
  return refusingTakenSlug(() =>
    db.transaction(async (trx) => {
      const id = await insertConsultation(trx, record);
      await recordAudit(trx, { actorId: adminId, action: 'consultation.created', targetType: 'consultation', targetId: id, after: record });
      return id;
    }),
  );
}

export async function updateConsultation(db: Knex, adminId: number, id: number, form: ConsultationForm): Promise<void> {
  const record = recordOf(form);
  await refusingTakenSlug(() =>
    db.transaction(async (trx) => {
      await lockConsultation(trx, id);
      const before = await consultationRecord(trx, id);
      if (!before) throw notFound();
      await updateConsultationRow(trx, id, record);
      await recordAudit(trx, { actorId: adminId, action: 'consultation.updated', targetType: 'consultation', targetId: id, before, after: record });
    }),
  );
}
