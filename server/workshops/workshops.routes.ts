import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { SessionUser } from '../auth/session-user';
import { staffRoles, workshopRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { forbidden, notFound } from '../http/errors';
import { flashAndRedirect, handleForm, jsonOrRedirect, userOf, type FieldProblems } from '../http/forms';
import { localized } from '../i18n/format';
import { numericIdParam } from '../http/params';
import { allCategories } from '../categories/categories.queries';
import { consultationById, openConsultations } from '../consultations/consultations.queries';
import { allowedNextStates, mayManageWorkshop, maySetUp, mayUseResults } from './workshops.policy';
import { ballotCandidates, participantsOfWorkshop, participantSummary, workshopById, workshopsList, type Workshop } from './workshops.queries';
import { codeAlarmRaised } from './code-attempts';
import type { WorkshopLimits } from './workshop-limits';
import { ageGroups, ballotChoiceSchema, ballotKinds, maxDotBudget, stateChangeSchema, workshopFormSchema } from './workshops.schema';
import {
  changeWorkshopState,
  chooseBallotIdeas,
  createWorkshop,
  exportWorkshopResults,
  handWorkshopIdeasToModeration,
  removeParticipant,
  removeRoomIdea,
  roomSnapshot,
  updateWorkshop,
  WorkshopRefusedError,
} from './workshops.service';
import { writeResultsCsv, writeResultsXlsx } from './workshops.export';
import type { WorkshopLive } from './workshops.live';
import { workshopStyles } from './participants.routes';
import { qrCodeSvg } from '../http/qr-code';

export interface WorkshopRouteOptions {
  baseUrl: string;
  live: WorkshopLive;
  limits: WorkshopLimits;
}

// The roles of mayRunWorkshops (workshops.policy.ts).
const requireFacilitator = requireRole(...workshopRoles);

/** The facilitator's console under /workshops: staff see every workshop, a facilitator their own. */
export function workshopRoutes(db: Knex, options: WorkshopRouteOptions): Router {
  const router = Router();
  const joinUrl = (workshop: Workshop) => `${options.baseUrl}/w/${workshop.joinCode}`;
  router.use('/workshops', (_req, res, next) => {
    res.locals.styles = [workshopStyles];
    next();
  });

  async function managedWorkshop(req: Request): Promise<Workshop> {
    const workshop = await workshopById(db, numericIdParam(req.params.id));
    if (!workshop) throw notFound();
    if (!mayManageWorkshop(req.user, workshop)) throw forbidden();
    return workshop;
  }

  async function renderForm(res: Response, options_: { workshop?: Workshop; values: Record<string, unknown>; errors?: FieldProblems }) {
    res.status(Object.keys(options_.errors ?? {}).length ? 422 : 200).render('workshops/form', {
      workshop: options_.workshop,
      consultations: await openConsultations(db),
      ballotKinds,
      maxDotBudget,
      values: options_.values,
      errors: options_.errors ?? {},
    });
  }

  function handleWorkshopForm(req: Request, res: Response, workshop: Workshop | undefined) {
    return handleForm(req, res, {
      schema: workshopFormSchema,
      run: async (form) => (workshop ? (await updateWorkshop(db, userOf(req), workshop.id, form), workshop.id) : createWorkshop(db, userOf(req), form)),
      again: (values, errors) => renderForm(res, { workshop, values, errors }),
      done: (id) => flashAndRedirect(req, res, workshop ? 'workshops:form.updated' : 'workshops:form.created', `/workshops/${id}`),
    });
  }

  /** The console's buttons come back to the console with a message: what was done, or the refusal. */
  async function consoleAction(req: Request, res: Response, action: (person: SessionUser, workshop: Workshop) => Promise<string>) {
    const workshop = await managedWorkshop(req);
    const back = `/workshops/${workshop.id}`;
    await jsonOrRedirect(req, res, {
      json: false,
      run: async () => ({ doneKey: await action(userOf(req), workshop) }),
      message: ({ doneKey }) => ({ key: doneKey }),
      redirect: back,
      refused: { error: WorkshopRefusedError, redirect: () => back },
    });
  }

  router.get('/workshops', requireFacilitator, async (req, res) => {
    const isStaff = staffRoles.includes(userOf(req).role);
    res.render('workshops/index', { workshops: await workshopsList(db, isStaff ? undefined : userOf(req).id), isStaff, codeAlarm: await codeAlarmRaised(db, options.limits) });
  });

  router.get('/workshops/new', requireFacilitator, (req, res) =>
    renderForm(res, { values: { locale: req.locale, dotBudget: 3, maxDotsPerIdea: 2, ballot: 'workshop', heldOn: new Date().toISOString().slice(0, 10) } }),
  );

  router.post('/workshops', requireFacilitator, (req, res) => handleWorkshopForm(req, res, undefined));

  router.get('/workshops/:id', requireFacilitator, async (req, res) => {
    const workshop = await managedWorkshop(req);
    const consultation = await consultationById(db, workshop.consultationId);
    res.render('workshops/console', {
      workshop,
      consultationTitle: consultation ? localized(consultation.title, req.locale) : '',
      joinUrl: joinUrl(workshop),
      snapshot: await roomSnapshot(db, workshop.id, true),
      people: await participantSummary(db, workshop.id, true),
      participants: await participantsOfWorkshop(db, workshop.id),
      codeAlarm: await codeAlarmRaised(db, options.limits),
      ageGroups,
      nextStates: allowedNextStates(workshop.state),
      maySetUp: maySetUp(workshop.state),
      mayUseResults: mayUseResults(workshop.state),
      candidates: workshop.ballot === 'chosen' && maySetUp(workshop.state) ? await ballotCandidates(db, workshop) : [],
    });
  });

  router.get('/workshops/:id/edit', requireFacilitator, async (req, res) => {
    const workshop = await managedWorkshop(req);
    const { id: _id, ...values } = workshop;
    await renderForm(res, { workshop, values });
  });

  router.post('/workshops/:id/edit', requireFacilitator, async (req, res) => handleWorkshopForm(req, res, await managedWorkshop(req)));

  router.post('/workshops/:id/ballot', requireFacilitator, (req, res) =>
    consoleAction(req, res, async (person, workshop) => {
      const parsed = ballotChoiceSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw new WorkshopRefusedError('workshops:validation.ballotChoice');
      await chooseBallotIdeas(db, person, workshop.id, parsed.data.ideaIds);
      return 'workshops:ballot.saved';
    }),
  );

  router.post('/workshops/:id/state', requireFacilitator, (req, res) =>
    consoleAction(req, res, async (person, workshop) => {
      const parsed = stateChangeSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw new WorkshopRefusedError('workshops:state.refused');
      await changeWorkshopState(db, person, workshop.id, parsed.data.to);
      return `workshops:state.done.${parsed.data.to}`;
    }),
  );

  router.post('/workshops/:id/hand-off', requireFacilitator, (req, res) =>
    consoleAction(req, res, async (person, workshop) => {
      await handWorkshopIdeasToModeration(db, person, workshop.id);
      return 'workshops:handOff.done';
    }),
  );

  router.post('/workshops/:id/ideas/:ideaId/remove', requireFacilitator, (req, res) =>
    consoleAction(req, res, async (person, workshop) => {
      await removeRoomIdea(db, person, workshop.id, numericIdParam(req.params.ideaId));
      return 'workshops:removeIdea.done';
    }),
  );

  router.post('/workshops/:id/participants/:participantId/remove', requireFacilitator, (req, res) =>
    consoleAction(req, res, async (person, workshop) => {
      await removeParticipant(db, person, workshop.id, numericIdParam(req.params.participantId));
      return 'workshops:removeParticipant.done';
    }),
  );

  router.get('/workshops/:id/projector', requireFacilitator, async (req, res) => {
    const workshop = await managedWorkshop(req);
    res.render('workshops/projector', {
      workshop,
      joinUrl: joinUrl(workshop),
      snapshot: await roomSnapshot(db, workshop.id, true),
      categories: await allCategories(db),
    });
  });

  router.get('/workshops/:id/stream', requireFacilitator, async (req, res) => {
    const workshop = await managedWorkshop(req);
    await options.live.subscribe(req, res, workshop.id, { audience: 'projector' });
  });

  router.get('/workshops/:id/qr.svg', requireFacilitator, async (req, res) => {
    const workshop = await managedWorkshop(req);
    const svg = await qrCodeSvg(joinUrl(workshop), { color: { dark: '#000000', light: '#ffffff' } });
    res.type('image/svg+xml').set('Cache-Control', 'private, max-age=3600').send(svg);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/workshops/:id/results.${format}`, requireFacilitator, async (req, res) => {
      const workshop = await managedWorkshop(req);
      const results = await exportWorkshopResults(db, userOf(req).id, workshop, { format, locale: req.locale });
      res.set('Content-Disposition', `attachment; filename="kopa-workshop-${workshop.id}-results.${format}"`);
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8');
        await writeResultsCsv(res, results, options.baseUrl);
      } else {
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        await writeResultsXlsx(res, results, options.baseUrl);
      }
    });
  }

  return router;
}
