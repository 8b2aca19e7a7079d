import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit';
import { notFound } from '../http/errors';
import { refusingTaken } from '../http/forms';
import type { CategoryForm } from './categories.schema';
import { insertCategory, lockCategory, updateCategoryRow, type CategoryRow } from './categories.queries';

const columnsOf = (form: CategoryForm): CategoryRow => ({
  slug: form.slug,
  name: JSON.stringify({ lv: form.name_lv, ru: form.name_ru, en: form.name_en }),
  icon: form.icon,
  color: form.color,
  position: form.position,
});

const recordOf = (form: CategoryForm) => ({ ...columnsOf(form), name: { lv: form.name_lv, ru: form.name_ru, en: form.name_en } });

const refusingTakenSlug = <T>(change: () => Promise<T>) => refusingTaken({ slug: 'categories:validation.slugTaken' }, change);

export async function createCategory(db: Knex, adminId: number, form: CategoryForm): Promise<number> {
  return refusingTakenSlug(() =>
    db.transaction(async (trx) => {
      const id = await insertCategory(trx, columnsOf(form));
      await recordAudit(trx, { actorId: adminId, action: 'category.created', targetType: 'category', targetId: id, after: recordOf(form) });
      return id;
    }),
  );
}

export async function updateCategory(db: Knex, adminId: number, id: number, form: CategoryForm): Promise<void> {
  await refusingTakenSlug(() =>
    db.transaction(async (trx) => {
      const before = await lockCategory(trx, id);
      if (!before) throw notFound();
      await updateCategoryRow(trx, id, columnsOf(form));
      await recordAudit(trx, { actorId: adminId, action: 'category.updated', targetType: 'category', targetId: id, before, after: recordOf(form) });
    }),
  );
}
