import { Router, type Request, type Response } from 'express';
import { AppError, forbidden } from '../http/errors';
import { readMultipartBody, uploadedFiles } from '../http/multipart';
import { csrfTokenOf } from '../http/csrf';
import { handleForm, jsonOrRedirect, type FieldProblems } from '../http/forms';
import { numericIdParam } from '../http/params';
import { mapAssets } from '../http/map-assets';
import type { IdeaServices } from '../ideas/ideas.service';
import { ideaFormValuesOf, renderIdeaForm } from '../ideas/ideas.form';
import { ideaFormSchema } from '../ideas/ideas.schema';
import { normalisedJoinCode } from './join-code';
import { codeAttempts } from './code-attempts';
import { joinLimits } from './join-limits';
import type { WorkshopLimits } from './workshop-limits';
import type { Logger } from '../logger';
import { isParticipantFormToken, participantCookieName, participantCookieValue, participantFormToken, participantIdFromCookie } from './participant-cookie';
import { joinRefusal, pinRefusal } from './workshops.policy';
import { participantExists, workshopByCode, type Workshop } from './workshops.queries';
import { ageGroups, dotChangeSchema, joinFormSchema } from './workshops.schema';
import { changeDot, joinWorkshop, participantRoom, pinWorkshopIdea, WorkshopRefusedError } from './workshops.service';
import type { WorkshopLive } from './workshops.live';

export interface ParticipantRouteOptions {
  secret: string;
  secureCookies: boolean;
  live: WorkshopLive;
  limits: WorkshopLimits;
  logger?: Logger;
}

/** Messages a redirect may ask the room page to show; anything else in ?notice= is ignored. */
const notices = new Set([
  'workshops:room.joined',
  'workshops:room.pinned',
  'workshops:dots.refused.budget',
  'workshops:dots.refused.perIdea',
  'workshops:dots.refused.notVoting',
  'workshops:dots.refused.closed',
  'workshops:pin.refused.voting',
  'workshops:pin.refused.closed',
]);

const roomPath = (workshop: Workshop) => `/w/${workshop.joinCode}`;
const cookieMaxAge = 7 * 24 * 60 * 60 * 1000;
export const workshopStyles = '/static/css/workshops.css';

/**
 * Participants only post from this site's own pages; a cross-site form is refused. Browsers
 * send Sec-Fetch-Site; under our no-referrer policy their Origin header is "null".
 */
function fromThisSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = req.get('origin');
  if (!origin || origin === 'null') return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * The participant routes under /w. Participants are not users and get no session: a signed
 * cookie bound to the workshop says who they are, and their forms carry a token derived from
 * it instead of the session's CSRF token. Mounted before the session-based CSRF check.
 */
export function participantRoutes(services: IdeaServices, options: ParticipantRouteOptions): Router {
  const router = Router();
  const { db } = services;
  const attempts = codeAttempts(db, options.limits, options.logger);
  const joins = joinLimits(db, options.limits);
  router.use('/w', (_req, res, next) => {
    res.locals.styles = [workshopStyles];
    next();
  });

  async function participantOf(req: Request, workshop: Workshop): Promise<number | undefined> {
    const participantId = participantIdFromCookie(options.secret, workshop.id, req.cookies?.[participantCookieName]);
    return participantId !== undefined && (await participantExists(db, workshop.id, participantId)) ? participantId : undefined;
  }

  /**
   * The workshop of the code in the URL and the participant, if the cookie verifies. A cookie
   * verifies only for the right code, so looking the code up for it tells a guesser nothing;
   * every other lookup takes an attempt first (code-attempts.ts).
   */
  async function resolveRoom(req: Request, res: Response): Promise<{ workshop: Workshop; participantId?: number }> {
    const code = normalisedJoinCode(req.params.code);
    if (code && req.cookies?.[participantCookieName]) {
      const workshop = await workshopByCode(db, code);
      const participantId = workshop ? await participantOf(req, workshop) : undefined;
      if (workshop && participantId !== undefined) return { workshop, participantId };
    }
    const workshop = await workshopOfCode(req, res, code);
    if (!workshop) throw new AppError(404, 'wrong_code', 'workshops:join.wrongCode');
    return { workshop };
  }

  /** Looks a code up within the address's attempts (429 beyond them); undefined when no workshop has it. */
  async function workshopOfCode(req: Request, res: Response, code: string | undefined): Promise<Workshop | undefined> {
    const attempt = await attempts.take(req, res);
    const workshop = code ? await workshopByCode(db, code) : undefined;
    await (workshop ? attempt.right() : attempt.wrong());
    return workshop;
  }

  async function requireParticipant(req: Request, res: Response): Promise<{ workshop: Workshop; participantId: number }> {
    const { workshop, participantId } = await resolveRoom(req, res);
    if (participantId === undefined) throw forbidden();
    return { workshop, participantId };
  }

  function checkFormToken(req: Request, workshop: Workshop, participantId: number) {
    const token = csrfTokenOf(req);
    if (!isParticipantFormToken(options.secret, workshop.id, participantId, token)) throw new AppError(403, 'invalid_csrf_token', 'errors.csrf.message');
  }

  const renderEnterCode = (res: Response, status: number, code: string, error?: string) =>
    res.status(status).render('workshops/enter-code', { code, error });

  router.get('/w', async (req, res) => {
    const typed = typeof req.query.code === 'string' ? req.query.code.slice(0, 40) : undefined;
    if (typed === undefined) return renderEnterCode(res, 200, '');
    let workshop: Workshop | undefined;
    try {
      workshop = await workshopOfCode(req, res, normalisedJoinCode(typed));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return renderEnterCode(res, error.status, typed, error.messageKey);
    }
    if (!workshop) return renderEnterCode(res, 404, typed, 'workshops:join.wrongCode');
    res.redirect(303, roomPath(workshop));
  });

  router.get('/w/:code', async (req, res) => {
    const { workshop, participantId } = await resolveRoom(req, res);
    // The cookie's path is the code as written by the server.
    if (req.params.code !== workshop.joinCode) return res.redirect(301, roomPath(workshop));
    if (participantId === undefined) {
      const refusal = joinRefusal(workshop.state);
      return res.status(refusal ? (workshop.state === 'closed' ? 410 : 409) : 200).render('workshops/join', { workshop, refusal, values: {}, errors: {}, ageGroups });
    }
    const room = await participantRoom(db, workshop, participantId);
    const notice = typeof req.query.notice === 'string' && notices.has(req.query.notice) ? req.query.notice : undefined;
    res.render('workshops/room', {
      workshop,
      ...room,
      notice,
      formToken: participantFormToken(options.secret, workshop.id, participantId),
      pinRefusal: pinRefusal(workshop.state),
      // Reference data from memory, as on the public pages: dropped by the same announced changes.
      categories: await services.reference.categories.all(),
      ...mapAssets(['workshop-live.js', 'post-form.js', 'workshop-room.js'], { styles: [workshopStyles] }),
    });
  });

  router.post('/w/:code/join', async (req, res) => {
    if (!fromThisSite(req)) throw forbidden();
    const { workshop, participantId } = await resolveRoom(req, res);
    if (participantId !== undefined) return res.redirect(303, roomPath(workshop));
    await joins.take(req, res);
    await handleForm(req, res, {
      schema: joinFormSchema,
      run: (form) => joinWorkshop(db, workshop.id, form),
      again: (values, errors) => res.render('workshops/join', { workshop, refusal: undefined, values, errors, ageGroups }),
      done: (newParticipant) => {
        res.cookie(participantCookieName, participantCookieValue(options.secret, workshop.id, newParticipant), {
          path: roomPath(workshop),
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secureCookies,
          maxAge: cookieMaxAge,
        });
        res.redirect(303, `${roomPath(workshop)}?notice=workshops:room.joined`);
      },
      refused: { error: WorkshopRefusedError, answer: (error) => res.status(409).render('workshops/join', { workshop, refusal: error.messageKey, values: {}, errors: {}, ageGroups }) },
    });
  });

  async function renderPinForm(res: Response, workshop: Workshop, participantId: number, values: Record<string, unknown>, errors: FieldProblems = {}) {
    const consultation = await services.reference.consultations.byId(workshop.consultationId);
    const token = participantFormToken(options.secret, workshop.id, participantId);
    await renderIdeaForm(services, res, {
      consultations: consultation ? [consultation] : [],
      target: { formAction: `${roomPath(workshop)}/ideas`, backLink: { href: roomPath(workshop), text: 'workshops:pin.back' }, csrfToken: () => token },
      values: { originalLocale: workshop.locale, nebValues: [], ...values },
      errors,
    });
  }

  router.get('/w/:code/ideas/new', async (req, res) => {
    const { workshop, participantId } = await resolveRoom(req, res);
    if (participantId === undefined) return res.redirect(303, roomPath(workshop));
    const refusal = pinRefusal(workshop.state);
    if (refusal) return res.redirect(303, `${roomPath(workshop)}?notice=${refusal}`);
    await renderPinForm(res, workshop, participantId, {});
  });

  router.post('/w/:code/ideas', async (req, res) => {
    const { workshop, participantId } = await requireParticipant(req, res);
    // Only a known participant's upload with the form's token (in the query) is read into memory.
    checkFormToken(req, workshop, participantId);
    await new Promise<void>((resolve, reject) => readMultipartBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
    await handleForm(req, res, {
      body: { ...(req.body ?? {}), consultationId: String(workshop.consultationId) },
      schema: ideaFormSchema,
      values: ideaFormValuesOf,
      run: (form) => pinWorkshopIdea(services, workshop, participantId, form, uploadedFiles(req.files, 'photos')),
      again: (values, errors) => renderPinForm(res, workshop, participantId, values, errors),
      done: () => res.redirect(303, `${roomPath(workshop)}?notice=workshops:room.pinned`),
      refused: { error: WorkshopRefusedError, redirect: (error) => `${roomPath(workshop)}?notice=${error.messageKey}`, flash: false },
    });
  });

  router.post('/w/:code/ideas/:ideaId/dots', async (req, res) => {
    const { workshop, participantId } = await requireParticipant(req, res);
    checkFormToken(req, workshop, participantId);
    const ideaId = numericIdParam(req.params.ideaId);
    const parsed = dotChangeSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new AppError(400, 'bad_dot_change', 'workshops:validation.dotChange');
    await jsonOrRedirect(req, res, {
      run: () => changeDot(db, workshop.id, participantId, ideaId, parsed.data.change),
      message: (state) => ({ key: 'workshops:dots.left', values: { count: state.dotsLeft, formatted: res.locals.formatNumber(state.dotsLeft) } }),
      redirect: `${roomPath(workshop)}#idea-${ideaId}`,
      flash: false,
      refused: { error: WorkshopRefusedError, redirect: (error) => `${roomPath(workshop)}?notice=${error.messageKey}#idea-${ideaId}`, flash: false },
    });
  });

  router.get('/w/:code/stream', async (req, res) => {
    const { workshop, participantId } = await requireParticipant(req, res);
    await options.live.subscribe(req, res, workshop.id, { audience: 'participant', participantId });
  });

  return router;
}
