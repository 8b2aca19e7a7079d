import { Router, type Request, type RequestHandler, type Response } from 'express';
import { requireActiveAccount, requireLogin } from '../http/access';
import { forbidden, notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { readMultipartBody, uploadedFiles, uploadsOnlyWhenVerified } from '../http/multipart';
import { flashAndRedirect, handleForm, userOf } from '../http/forms';
import { authorChangeError, authorChangeRefusal, mayDeleteIdea, mayEditIdea, mayTranslateIdea, mayViewIdea } from './ideas.policy';
import { ideaById, type Idea } from './ideas.queries';
import { ideaListPage } from './idea-list';
import { ideaFormSchema, ideaListQuerySchema, type IdeaForm } from './ideas.schema';
import { ideaFormValuesOf, renderIdeaForm } from './ideas.form';
import { filterOptions } from './ideas.filters';
import { filterQueryString, numericIdParam, parseFiltersOr400 } from '../http/params';
import { deleteIdea, submitIdea, updateIdea, type IdeaServices } from './ideas.service';
import { plainTextWithLinks } from '../http/plain-text';
import { mapAssets } from '../http/map-assets';
import { summaryOf } from '../http/page-meta';
import { shareLinksOf } from './share-links';
import { supportPanelOf } from '../supports/supports.service';
import { personalStateOfIdea, type SupportTarget } from '../supports/supports.queries';
import { ideaStateReadWithSession } from '../auth/session';
import { commentPageAsked, commentSection } from '../comments/comments.section';
import type { Consultation } from '../consultations/consultations.queries';
import { resultRoles, staffRoles } from '../auth/roles';
import { publicNebProfileView } from '../neb/neb.view';
import { shownLanguage } from '../i18n/shown-language';
import { requireVisibleIdea } from '../http/visible-idea';
import { rigaToday } from '../cache/riga-today';
import { csrfSlot, filledPage, filledPageGzip, pageFitsSlots, panelSlots, slotTemplateOf, slotTemplates as slotTemplatesKept, standInResident } from './idea-page-slots';

const ideasPerPage = 20;

const supportTargetOf = (idea: Idea, consultation: Consultation): SupportTarget => ({
  ideaId: idea.id,
  authorId: idea.authorId,
  visibility: idea.visibility,
  consultationId: idea.consultationId,
  phase: consultation.phase,
  supportPhases: consultation.supportPhases,
  supportBudget: consultation.supportBudget,
  supportCount: idea.supportCount,
});

function handleIdeaForm(services: IdeaServices, req: Request, res: Response, change: (form: IdeaForm) => Promise<number>, ideaId?: number) {
  return handleForm(req, res, {
    schema: ideaFormSchema,
    values: ideaFormValuesOf,
    run: change,
    again: (values, errors) => renderIdeaForm(services, res, { values, errors, ideaId }),
    done: (id) => flashAndRedirect(req, res, ideaId ? 'ideas:form.updated' : userOf(req).emailVerified ? 'ideas:form.created' : 'verification:draftSaved', `/ideas/${id}`),
  });
}

function renderView(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => res.app.render(view, locals, (error, html) => (error ? reject(error) : resolve(html))));
}

const ideaPagePath = /^\/ideas\/(\d{1,15})$/;

/** The idea whose page is asked for: the person's own support and follow state is read with their session, one query for both. */
export function ideaOfPage(req: Request): number | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const page = ideaPagePath.exec(req.path);
  return page ? Number(page[1]) : undefined;
}

/** `submissionLimit` counts idea forms per account (see http/account-rate-limits). */
export function ideaRoutes(services: IdeaServices, submissionLimit: RequestHandler): Router {
  const router = Router();
  const { db } = services;
  const visibleIdea = requireVisibleIdea(db);
  const slotTemplates = slotTemplatesKept();
  // Photos are read last: after who may send them, the CSRF token (in the query) and the limit.
  const photoUpload = [uploadsOnlyWhenVerified, submissionLimit, readMultipartBody];

  router.get('/ideas', async (req, res) => {
    const query = parseFiltersOr400(() => ideaListQuerySchema.safeParse(req.query));
    const { entries, total, totalIsAtLeast } = await ideaListPage(services, query, ideasPerPage, req.locale);
    const { sort: _sort, page: _page, ...filters } = query;
    res.render('ideas/list', {
      query,
      filters,
      entries,
      total,
      totalIsAtLeast,
      // Past the counting limit the next page exists as long as this one is full.
      pageCount: totalIsAtLeast ? query.page + (entries.length === ideasPerPage ? 1 : 0) : Math.max(1, Math.ceil(total / ideasPerPage)),
      filterQueryString,
      ...(await filterOptions(services)),
    });
  });

  router.get('/ideas/new', requireActiveAccount, async (_req, res) => {
    await renderIdeaForm(services, res, { values: { nebValues: [] } });
  });

  router.post('/ideas', requireActiveAccount, ...photoUpload, (req, res) =>
    handleIdeaForm(services, req, res, (form) => submitIdea(services, userOf(req), form, uploadedFiles(req.files, 'photos'))),
  );

  router.get('/ideas/:id', async (req, res) => {
    const page = await services.ideaPages.shared(numericIdParam(req.params.id));
    if (!page || !mayViewIdea(req.user, page.idea)) throw notFound();
    const { idea, translations } = page;
    const consultation = (await services.reference.consultations.byId(idea.consultationId))!;
    const personal = req.user ? (ideaStateReadWithSession(req, idea.id) ?? (await personalStateOfIdea(db, req.user.id, idea.id, idea.consultationId))) : undefined;
    const commentsAsked = commentPageAsked(req);
    const commentsPage = await services.ideaPages.comments(idea.id, commentsAsked.order, commentsAsked.page);
    const shownLocale = shownLanguage(req.locale, idea.originalLocale, translations, req.query.original === '1');
    const shown = shownLocale === idea.originalLocale ? idea : translations[shownLocale]!;
    const supportPanel = req.user && personal ? supportPanelOf(req.user.id, supportTargetOf(idea, consultation), personal) : undefined;
    const following = personal?.following ?? false;
    /** What the page shows to `person` (the viewer, or the stand-in of a slot template). */
    const pageLocals = (person: Express.User | undefined, personReq: Request) => ({
      idea,
      shown: {
        locale: shownLocale,
        title: shown.title,
        summary: summaryOf(shown.description),
        translated: shownLocale !== idea.originalLocale,
        translationAvailable: Boolean(translations[req.locale]),
      },
      // The address without a language: whoever opens a shared link gets their own.
      share: { url: `${services.baseUrl}/ideas/${idea.id}`, links: shareLinksOf(shown.title, `${services.baseUrl}/ideas/${idea.id}`) },
      descriptionHtml: plainTextWithLinks(shown.description),
      mayTranslate: mayTranslateIdea(person, idea, consultation.moderationMode),
      photos: page.photos,
      photoUrl: services.storage.urlFor,
      mayEdit: mayEditIdea(person, idea, consultation.moderationMode),
      // The author is told why the edit link is gone after a moderator's decision.
      lockedByModeration: authorChangeRefusal(person, idea, consultation.moderationMode) === 'moderated',
      mayDelete: mayDeleteIdea(person, idea),
      supportPanel,
      comments: commentSection(personReq, commentsAsked, commentsPage, {
        visibility: idea.visibility,
        commentsLocked: idea.commentsLocked,
        consultationPhase: consultation.phase,
      }),
      following,
      history: page.history,
      milestones: page.milestones,
      resultPhotos: page.resultPhotos,
      duplicateLinks: page.duplicateLinks,
      neb: publicNebProfileView(req.t, idea, page.nebProfile),
      isStaff: Boolean(person && staffRoles.includes(person.role)),
      mayAssess: Boolean(person && resultRoles.includes(person.role)),
      ...mapAssets(['idea-map.js', 'post-form.js', 'supports.js', 'idea-page.js']),
    });
    const authorIds = [idea.authorId, ...commentsPage.threads.flatMap((thread) => [thread.authorId, ...thread.replies.map((reply) => reply.authorId)])];
    if (!req.user || !pageFitsSlots(req.user, authorIds, res.locals.flash)) return res.render('ideas/show', pageLocals(req.user, req));

    // A resident's page differs from the stand-in's only in its slots: the rest is rendered once per version.
    const versions = [page, commentsPage, consultation];
    const key = `${req.locale} ${rigaToday()} ${req.originalUrl}`;
    let template = slotTemplates.get(versions, key);
    if (!template) {
      const standIn = standInResident(req.locale);
      const standInReq = Object.create(req, { user: { value: standIn } }) as Request;
      const html = await renderView(res, 'ideas/show', { ...res.locals, ...pageLocals(standIn, standInReq), currentUser: standIn, csrfToken: csrfSlot, flash: null, slots: panelSlots });
      template = slotTemplateOf(html);
      slotTemplates.set(versions, key, template);
    }
    // The panels differ with the person's state of the idea, not with the person: each is rendered once per state, the token a slot.
    const csrf = (res.locals.csrfToken as () => string)();
    const panel = async (view: string) => {
      const panelKey = `${key} ${view} ${following} ${JSON.stringify(supportPanel)}`;
      let panelTemplate = slotTemplates.get(versions, panelKey);
      if (!panelTemplate) {
        const panelLocals = { ...res.locals, idea, supportPanel, following, currentUser: standInResident(req.locale), csrfToken: csrfSlot };
        slotTemplates.set(versions, panelKey, (panelTemplate = slotTemplateOf(await renderView(res, view, panelLocals))));
      }
      return filledPage(panelTemplate, { user: req.user!, csrf, support: '', follow: '' });
    };
    const person = { user: req.user, csrf, support: await panel('supports/_panel'), follow: await panel('ideas/_follow') };
    res.vary('Accept-Encoding').type('html');
    if (req.acceptsEncodings('gzip', 'identity') !== 'gzip') return res.send(filledPage(template, person));
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip' }).send(filledPageGzip(template, person));
  });

  /** The idea the person may edit now; else a 404, or the refusal with its reason. */
  async function editableIdea(req: Request): Promise<Idea> {
    const idea = await ideaById(db, numericIdParam(req.params.id));
    if (!idea) throw notFound();
    const consultation = (await services.reference.consultations.byId(idea.consultationId))!;
    const refusal = authorChangeRefusal(req.user, idea, consultation.moderationMode);
    if (refusal) throw authorChangeError(refusal);
    return idea;
  }

  // Refused before the form and its photos are read (a refused edit never shows what was typed); updateIdea checks again under the row lock.
  const mayStillEdit: RequestHandler = async (req, _res, next) => {
    await editableIdea(req);
    next();
  };

  router.get('/ideas/:id/edit', visibleIdea, requireActiveAccount, async (req, res) => {
    const idea = await editableIdea(req);
    const values = {
      consultationId: idea.consultationId,
      title: idea.title,
      description: idea.description,
      originalLocale: idea.originalLocale,
      categoryId: idea.category.id,
      nebValues: idea.nebValues,
      ...Object.fromEntries(Object.entries(idea.nebSentences).map(([value, sentence]) => [`sentence_${value}`, sentence])),
      latitude: idea.latitude,
      longitude: idea.longitude,
      placeName: idea.placeName,
      removePhotos: [],
    };
    await renderIdeaForm(services, res, { values, ideaId: idea.id });
  });

  router.post('/ideas/:id/edit', visibleIdea, requireActiveAccount, mayStillEdit, ...photoUpload, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await handleIdeaForm(services, req, res, async (form) => {
      await updateIdea(services, userOf(req), ideaId, form, uploadedFiles(req.files, 'photos'));
      return ideaId;
    }, ideaId);
  });

  router.get('/ideas/:id/delete', visibleIdea, requireLogin, async (req, res) => {
    const idea = await ideaById(db, numericIdParam(req.params.id));
    if (!idea) throw notFound();
    if (!mayDeleteIdea(req.user, idea)) throw forbidden();
    res.render('ideas/delete', { idea });
  });

  router.post('/ideas/:id/delete', visibleIdea, requireLogin, async (req, res) => {
    await deleteIdea(services, userOf(req), numericIdParam(req.params.id));
    setFlash(req, 'success', 'ideas:delete.done');
    res.redirect(303, '/ideas');
  });

  return router;
}
