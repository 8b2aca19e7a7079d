import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit';
import { notFound } from '../http/errors';
import { FormError, refusingTaken } from '../http/forms';
import { parseArea } from './consultation-area';
import { consultationRecord, insertConsultation, lockConsultation, updateConsultationRow, type ConsultationRecord } from './consultations.queries';
import type { ConsultationForm } from './consultations.schema';

function recordOf(form: ConsultationForm): ConsultationRecord {
  const area = parseArea(form.area);
  if ('problem' in area) throw new FormError({ area: { key: area.problem, values: { detail: area.detail ?? '' } } });
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

const refusingTakenSlug = <T>(change: () => Promise<T>) => refusingTaken({ slug: 'consultations:validation.slugTaken' }, change);

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
