import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { recordForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam } from '../http/params';
import { allCategories, categoryById, nextCategoryPosition } from './categories.queries';
import { categoryFormSchema, categoryIcons } from './categories.schema';
import { createCategory, updateCategory } from './categories.service';

export function categoryRoutes(db: Knex): Router {
  const router = Router();
  const adminOnly = requireRole('admin');

  const renderForm = (res: Response, options: { id?: number; values: Record<string, unknown>; errors?: FieldProblems }) =>
    res.status(options.errors ? 422 : 200).render('categories/form', { id: options.id, values: options.values, errors: options.errors ?? {}, icons: categoryIcons });

  const handleCategoryForm = recordForm({ schema: categoryFormSchema, show: renderForm, listPath: '/admin/categories', messages: { created: 'categories:created', updated: 'categories:updated' } });

  router.get('/admin/categories', adminOnly, async (_req, res) => {
    res.render('categories/list', { categories: await allCategories(db) });
  });

  router.get('/admin/categories/new', adminOnly, async (_req, res) => {
    renderForm(res, { values: { icon: categoryIcons[0], color: '#1d4ed8', position: await nextCategoryPosition(db) } });
  });

  router.post('/admin/categories', adminOnly, (req, res) =>
    handleCategoryForm(req, res, (form) => createCategory(db, userOf(req).id, form)),
  );

  router.get('/admin/categories/:id', adminOnly, async (req, res) => {
    const id = numericIdParam(req.params.id);
    const category = await categoryById(db, id);
    if (!category) throw notFound();
    const names = Object.fromEntries(Object.entries(category.name as Record<string, string>).map(([locale, text]) => [`name_${locale}`, text]));
    renderForm(res, { id, values: { slug: category.slug, ...names, icon: category.icon, color: category.color, position: category.position } });
  });

  router.post('/admin/categories/:id', adminOnly, (req, res) => {
    const id = numericIdParam(req.params.id);
    return handleCategoryForm(req, res, (form) => updateCategory(db, userOf(req).id, id, form), id);
  });

  return router;
}
