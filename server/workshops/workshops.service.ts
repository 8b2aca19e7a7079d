import type { Knex } from 'knex';
import type { SessionUser } from '../auth/session-user';
import { recordAudit } from '../audit/audit';
import { AppError, forbidden, notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { acceptsIdeas } from '../consultations/consultations.policy';
import { consultationById } from '../consultations/consultations.queries';
import { allCategories } from '../categories/categories.queries';
import { localized } from '../i18n/format';
import type { WorkshopResults } from './workshops.export';
import type { Locale } from '../config';
import { insertIdea } from '../ideas/ideas.queries';
import type { IdeaForm } from '../ideas/ideas.schema';
import { storeNewIdea, type IdeaServices, type UploadedPhoto } from '../ideas/ideas.service';
import { newJoinCode } from './join-code';
import type { LiveSnapshot } from './workshops.live';
import { dotRefusal, joinRefusal, mayChangeState, mayManageWorkshop, maySetUp, mayUseResults, participantRemovalRefusal, pinRefusal } from './workshops.policy';
import {
  addDot,
  announceWorkshopChange,
  anyDotsCast,
  ballotWithDots,
  deleteParticipant,
  deleteParticipantsOfWorkshopsClosedBefore,
  dotsHeld,
  dotsOfParticipant,
  freezeResults,
  frozenResults,
  handIdeasToModeration,
  hideRoomIdea,
  insertParticipant,
  insertWorkshop,
  isOnBallot,
  lockParticipant,
  lockWorkshop,
  participantSummary,
  refreezeParticipantSummary,
  removeDot,
  replaceChosenIdeas,
  setWorkshopState,
  updateWorkshopSettings,
  withdrawDotsFromFrozenResults,
  workshopById,
  type RoomIdea,
  type Workshop,
} from './workshops.queries';
import type { JoinForm, WorkshopForm, WorkshopState } from './workshops.schema';

/** A participant's or facilitator's action that the workshop's state does not allow now. */
export class WorkshopRefusedError extends AppError {
  constructor(messageKey: string) {
    super(409, 'workshop_refused', messageKey);
  }
}

async function checkConsultation(db: Knex, consultationId: number): Promise<void> {
  const consultation = await consultationById(db, consultationId);
  if (!consultation || !['collecting', 'voting'].includes(consultation.phase)) {
    throw new FormError({ consultationId: 'workshops:validation.consultation' });
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

export async function createWorkshop(db: Knex, person: SessionUser, form: WorkshopForm): Promise<number> {
  await checkConsultation(db, form.consultationId);
  // A code already taken is drawn again; with 10⁹ codes that is rare.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (trx) => {
        const id = await insertWorkshop(trx, form, person.id, newJoinCode());
        await recordAudit(trx, { actorId: person.id, action: 'workshop.created', targetType: 'workshop', targetId: id, after: form });
        return id;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

async function lockManagedWorkshop(trx: Knex, person: SessionUser, workshopId: number): Promise<Workshop> {
  const workshop = await lockWorkshop(trx, workshopId, 'update');
  if (!workshop) throw notFound();
  if (!mayManageWorkshop(person, workshop)) throw forbidden();
  return workshop;
}

export async function updateWorkshop(db: Knex, person: SessionUser, workshopId: number, form: WorkshopForm): Promise<void> {
  await checkConsultation(db, form.consultationId);
  await db.transaction(async (trx) => {
    const workshop = await lockManagedWorkshop(trx, person, workshopId);
    if (!maySetUp(workshop.state)) throw new WorkshopRefusedError('workshops:settings.locked');
    // Pins belong to the consultation; dots were cast under the rules they saw.
    if (workshop.state !== 'draft' && form.consultationId !== workshop.consultationId) {
      throw new FormError({ consultationId: 'workshops:validation.consultationFixed' });
    }
    const rulesChanged = form.dotBudget !== workshop.dotBudget || form.maxDotsPerIdea !== workshop.maxDotsPerIdea || form.ballot !== workshop.ballot;
    if (rulesChanged && (await anyDotsCast(trx, workshopId))) throw new FormError({ dotBudget: 'workshops:validation.dotsAlreadyCast' });
    await updateWorkshopSettings(trx, workshopId, form);
    await recordAudit(trx, { actorId: person.id, action: 'workshop.updated', targetType: 'workshop', targetId: workshopId, before: settingsOf(workshop), after: form });
    await announceWorkshopChange(trx, workshopId);
  });
}

const settingsOf = (workshop: Workshop) => ({
  name: workshop.name,
  consultationId: workshop.consultationId,
  heldOn: workshop.heldOn,
  locale: workshop.locale,
  dotBudget: workshop.dotBudget,
  maxDotsPerIdea: workshop.maxDotsPerIdea,
  ballot: workshop.ballot,
});

export async function chooseBallotIdeas(db: Knex, person: SessionUser, workshopId: number, ideaIds: number[]): Promise<void> {
  await db.transaction(async (trx) => {
    const workshop = await lockManagedWorkshop(trx, person, workshopId);
    if (!maySetUp(workshop.state)) throw new WorkshopRefusedError('workshops:settings.locked');
    if (await anyDotsCast(trx, workshopId)) throw new WorkshopRefusedError('workshops:validation.dotsAlreadyCast');
    await replaceChosenIdeas(trx, workshopId, workshop.consultationId, ideaIds);
    await recordAudit(trx, { actorId: person.id, action: 'workshop.ballot_chosen', targetType: 'workshop', targetId: workshopId, after: { ideaIds } });
    await announceWorkshopChange(trx, workshopId);
  });
}

/** Opening, starting and stopping the vote, closing; closing freezes the results in the same transaction. */
export async function changeWorkshopState(db: Knex, person: SessionUser, workshopId: number, to: WorkshopState): Promise<void> {
  await db.transaction(async (trx) => {
    const workshop = await lockManagedWorkshop(trx, person, workshopId);
    if (!mayChangeState(workshop.state, to)) throw new WorkshopRefusedError('workshops:state.refused');
    if (to === 'closed') await freezeResults(trx, workshop);
    await setWorkshopState(trx, workshopId, to);
    await recordAudit(trx, { actorId: person.id, action: 'workshop.state_changed', targetType: 'workshop', targetId: workshopId, before: { state: workshop.state }, after: { state: to } });
    await announceWorkshopChange(trx, workshopId);
  });
}

/** After closing, the room's ideas go to the moderation queue together; returns how many. */
export async function handWorkshopIdeasToModeration(db: Knex, person: SessionUser, workshopId: number): Promise<number> {
  return db.transaction(async (trx) => {
    const workshop = await lockManagedWorkshop(trx, person, workshopId);
    if (!mayUseResults(workshop.state)) throw new WorkshopRefusedError('workshops:handOff.notClosed');
    const ideaIds = await handIdeasToModeration(trx, workshopId);
    await recordAudit(trx, { actorId: person.id, action: 'workshop.ideas_handed_to_moderation', targetType: 'workshop', targetId: workshopId, after: { ideaIds } });
    return ideaIds.length;
  });
}

/** A facilitator takes a pin off the room's map and ballot (it is kept, hidden, for the record). */
export async function removeRoomIdea(db: Knex, person: SessionUser, workshopId: number, ideaId: number): Promise<void> {
  await db.transaction(async (trx) => {
    const workshop = await lockManagedWorkshop(trx, person, workshopId);
    if (workshop.state === 'closed') throw new WorkshopRefusedError('workshops:removeIdea.closed');
    if (!(await hideRoomIdea(trx, workshopId, ideaId))) throw notFound();
    await recordAudit(trx, { actorId: person.id, action: 'workshop.idea_removed', targetType: 'idea', targetId: ideaId, after: { workshopId, visibility: 'hidden' } });
    await announceWorkshopChange(trx, workshopId);
  });
}

/**
 * A facilitator removes a participant: their dots are withdrawn and the counts (or, once
 * closed, the frozen results) follow exactly, their cookie finds no participant any more and
 * their live streams end. The workshop row is locked for update, so no vote of anyone runs
 * meanwhile; a vote already running finishes first and is withdrawn with the rest.
 */
export async function removeParticipant(db: Knex, person: SessionUser, workshopId: number, participantId: number): Promise<void> {
  await db.transaction(async (trx) => {
    const workshop = await lockManagedWorkshop(trx, person, workshopId);
    const refusal = participantRemovalRefusal(workshop);
    if (refusal) throw new WorkshopRefusedError(refusal);
    if (!(await lockParticipant(trx, workshopId, participantId))) throw notFound();
    const closed = workshop.state === 'closed';
    if (closed) await withdrawDotsFromFrozenResults(trx, workshopId, participantId);
    const dotsWithdrawn = await deleteParticipant(trx, workshopId, participantId);
    if (closed) await refreezeParticipantSummary(trx, workshopId);
    await recordAudit(trx, { actorId: person.id, action: 'workshop.participant_removed', targetType: 'workshop', targetId: workshopId, before: { participantId, dots: dotsWithdrawn } });
    await announceWorkshopChange(trx, workshopId);
  });
}

export async function joinWorkshop(db: Knex, workshopId: number, form: JoinForm): Promise<number> {
  return db.transaction(async (trx) => {
    const workshop = await lockWorkshop(trx, workshopId, 'share');
    if (!workshop) throw notFound();
    const refusal = joinRefusal(workshop.state);
    if (refusal) throw new WorkshopRefusedError(refusal);
    const participantId = await insertParticipant(trx, workshopId, form.nickname, form.ageGroup);
    await announceWorkshopChange(trx, workshopId);
    return participantId;
  });
}

/** A participant pins an idea: the ideas feature's rules, stored with visibility 'workshop' and no author. */
export async function pinWorkshopIdea(services: IdeaServices, workshop: Workshop, participantId: number, form: IdeaForm, files: UploadedPhoto[]): Promise<number> {
  const refusal = pinRefusal(workshop.state);
  if (refusal) throw new WorkshopRefusedError(refusal);
  const consultation = await consultationById(services.db, workshop.consultationId);
  if (!consultation || !acceptsIdeas(consultation)) throw new FormError({ consultationId: 'ideas:validation.consultationClosed' });
  return storeNewIdea(services, { ...form, consultationId: consultation.id }, workshop.locale, consultation, files, async (trx, content) => {
    const locked = await lockWorkshop(trx, workshop.id, 'share');
    const lockedRefusal = locked ? pinRefusal(locked.state) : 'workshops:pin.refused.closed';
    if (lockedRefusal) throw new WorkshopRefusedError(lockedRefusal);
    if (!(await lockParticipant(trx, workshop.id, participantId))) throw forbidden();
    const ideaId = await insertIdea(trx, {
      ...content,
      consultationId: consultation.id,
      authorId: null,
      visibility: 'workshop',
      workshopId: workshop.id,
      workshopParticipantId: participantId,
    });
    await announceWorkshopChange(trx, workshop.id);
    return ideaId;
  });
}

/**
 * The frozen results of a closed workshop, in the exporter's language, for a CSV or XLSX
 * download; the audit log records who took them.
 */
export async function exportWorkshopResults(db: Knex, actorId: number, workshop: Workshop, request: { format: 'csv' | 'xlsx'; locale: Locale }): Promise<WorkshopResults> {
  if (!mayUseResults(workshop.state)) throw new WorkshopRefusedError('workshops:results.notClosed');
  const consultation = await consultationById(db, workshop.consultationId);
  const categories = await allCategories(db);
  const results = {
    workshop,
    consultation: consultation ? localized(consultation.title, request.locale) : '',
    participants: workshop.resultParticipants ?? 0,
    ageGroups: workshop.resultAgeGroups ?? {},
    ideas: await frozenResults(db, workshop.id),
    categoryNames: Object.fromEntries(categories.map((category) => [category.slug, localized(category.name, request.locale)])),
  };
  await recordAudit(db, { actorId, action: 'export.workshop_results', targetType: 'workshop', targetId: workshop.id, after: { format: request.format } });
  return results;
}

export interface DotState {
  ideaId: number;
  /** Dots this participant has on the idea now. */
  mine: number;
  dotsLeft: number;
}

/**
 * Adds or takes back one dot. The workshop row is share-locked (closing waits, so no vote
 * lands after the frozen results) and the participant's row is locked for update (their
 * requests run one at a time, so the budget and the per-idea maximum hold under any burst).
 */
export async function changeDot(db: Knex, workshopId: number, participantId: number, ideaId: number, change: 'add' | 'remove'): Promise<DotState> {
  return db.transaction(async (trx) => {
    const workshop = await lockWorkshop(trx, workshopId, 'share');
    if (!workshop) throw notFound();
    if (!(await lockParticipant(trx, workshopId, participantId))) throw forbidden();
    const refusalByState = dotRefusal(workshop.state, workshop, { spent: 0, onIdea: 0 }, change);
    if (refusalByState) throw new WorkshopRefusedError(refusalByState);
    if (!(await isOnBallot(trx, workshop, ideaId))) throw notFound();
    const held = await dotsHeld(trx, participantId, ideaId);
    const refusal = dotRefusal(workshop.state, workshop, held, change);
    if (refusal) throw new WorkshopRefusedError(refusal);
    if (change === 'remove' && held.onIdea === 0) return { ideaId, mine: 0, dotsLeft: workshop.dotBudget - held.spent };
    if (change === 'add') await addDot(trx, workshopId, participantId, ideaId);
    else await removeDot(trx, participantId, ideaId);
    await announceWorkshopChange(trx, workshopId);
    const delta = change === 'add' ? 1 : -1;
    return { ideaId, mine: held.onIdea + delta, dotsLeft: workshop.dotBudget - held.spent - delta };
  });
}

export interface RoomSnapshot extends LiveSnapshot {
  workshopId: number;
  state: WorkshopState;
  /** True once closed: the ideas are the frozen results. */
  final: boolean;
  participants: number;
  dotBudget: number;
  maxDotsPerIdea: number;
  dotsSpent: number;
  ideas: RoomIdea[];
}

/** What the projector and the participants' pages show; nicknames only for the facilitator's views. */
export async function roomSnapshot(db: Knex, workshopId: number, withNicknames: boolean): Promise<RoomSnapshot | undefined> {
  const workshop = await workshopById(db, workshopId);
  if (!workshop) return undefined;
  const final = workshop.state === 'closed';
  const ideas = final ? await frozenResults(db, workshopId) : await ballotWithDots(db, workshop);
  const live = !final || withNicknames ? await participantSummary(db, workshopId, withNicknames) : undefined;
  return {
    workshopId,
    state: workshop.state,
    final,
    participants: final ? (workshop.resultParticipants ?? 0) : live!.count,
    dotBudget: workshop.dotBudget,
    maxDotsPerIdea: workshop.maxDotsPerIdea,
    dotsSpent: ideas.reduce((sum, idea) => sum + idea.dots, 0),
    ideas: ideas.map(({ id, title, category, latitude, longitude, pinnedHere, dots }) => ({ id, title, category, latitude, longitude, pinnedHere, dots })),
    ...(withNicknames ? { nicknames: live?.nicknames ?? [] } : {}),
  };
}

/** The room as one participant sees it: the snapshot plus their own dots. */
export async function participantRoom(db: Knex, workshop: Workshop, participantId: number) {
  const snapshot = (await roomSnapshot(db, workshop.id, false))!;
  const mine = await dotsOfParticipant(db, participantId);
  const spent = [...mine.values()].reduce((sum, dots) => sum + dots, 0);
  return { snapshot, mine, dotsLeft: Math.max(0, workshop.dotBudget - spent) };
}

export async function deleteExpiredWorkshopParticipants(db: Knex, retentionDays: number): Promise<number> {
  return deleteParticipantsOfWorkshopsClosedBefore(db, retentionDays);
}
