import { Router, type Request, type Response } from 'express';
import { importRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { handleForm, jsonOrRedirect, userOf, type FieldProblems } from '../http/forms';
import { readMultipartBody, uploadedFiles } from '../http/multipart';
import { numericIdParam } from '../http/params';
import { acceptsIdeas } from '../consultations/consultations.policy';
import type { IdeaServices } from '../ideas/ideas.service';
import { maxImportRows } from './import-columns';
import { templateCsv, templateXlsx, type TemplateContent } from './import-template';
import { recentImports } from './imports.queries';
import { importUploadSchema } from './imports.schema';
import { ImportRefusal, confirmImport, importPage, storeUpload } from './imports.service';

export function importRoutes(services: IdeaServices, options: { mapCenter: [number, number] }): Router {
  const router = Router();
  const importers = requireRole(...importRoles);

  async function renderUpload(res: Response, values: Record<string, unknown>, errors: FieldProblems = {}) {
    const consultations = (await services.reference.consultations.open()).filter((consultation) => acceptsIdeas(consultation));
    res.status(Object.keys(errors).length ? 422 : 200).render('imports/index', { consultations, imports: await recentImports(services.db), maxRows: maxImportRows, values, errors });
  }

  async function templateOf(req: Request): Promise<TemplateContent> {
    return {
      locale: req.locale,
      categories: await services.reference.categories.all(),
      places: await services.reference.places.all(),
      nebName: (value) => req.t(`ideas:neb.${value}`),
      mapCenter: options.mapCenter,
    };
  }

  router.get('/assist/imports', importers, (_req, res) => renderUpload(res, {}));

  router.get('/assist/imports/template.csv', importers, async (req, res) => {
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', 'attachment; filename="kopa-import-template.csv"');
    res.send(templateCsv(await templateOf(req)));
  });

  router.get('/assist/imports/template.xlsx', importers, async (req, res) => {
    res.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.set('Content-Disposition', 'attachment; filename="kopa-import-template.xlsx"');
    res.send(await templateXlsx(await templateOf(req)));
  });

  // The file is read last, after the role and the CSRF token (in the query); multer's size limit answers 413.
  router.post('/assist/imports', importers, readMultipartBody, (req: Request, res: Response) => {
    const file = uploadedFiles(req.files, 'file')[0];
    return handleForm(req, res, {
      body: { ...req.body, file: file?.originalname ?? '' },
      schema: importUploadSchema,
      run: (form) => storeUpload(services, userOf(req), form, file),
      again: (values, errors) => renderUpload(res, values, errors),
      done: (importId) => res.redirect(303, `/assist/imports/${importId}`),
    });
  });

  router.get('/assist/imports/:id', importers, async (req, res) => {
    res.render('imports/check', await importPage(services, numericIdParam(req.params.id)));
  });

  router.post('/assist/imports/:id/confirm', importers, (req, res) => {
    const importId = numericIdParam(req.params.id);
    return jsonOrRedirect(req, res, {
      run: () => confirmImport(services, userOf(req), importId),
      message: ({ imported, total }) => ({ key: 'imports:confirm.done', values: { count: imported, total } }),
      redirect: `/assist/imports/${importId}`,
      json: false,
      refused: { error: ImportRefusal, redirect: () => `/assist/imports/${importId}` },
    });
  });

  return router;
}
