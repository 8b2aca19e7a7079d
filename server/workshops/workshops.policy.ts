import { staffRoles, type Role } from '../auth/roles';
import type { WorkshopState } from './workshops.schema';

type Person = { id: number; role: Role } | undefined | null;

/** Facilitators and staff create and run workshops. */
export function mayRunWorkshops(person: Person): boolean {
  return Boolean(person && (person.role === 'facilitator' || staffRoles.includes(person.role)));
}

/** Staff run every workshop; a facilitator only the ones they created. */
export function mayManageWorkshop(person: Person, workshop: { createdBy: number | null }): boolean {
  if (!person) return false;
  if (staffRoles.includes(person.role)) return true;
  return person.role === 'facilitator' && workshop.createdBy === person.id;
}

/** draft → open ⇄ voting → closed; an open workshop may also close without a vote. */
const nextStates: Record<WorkshopState, WorkshopState[]> = {
  draft: ['open'],
  open: ['voting', 'closed'],
  voting: ['open', 'closed'],
  closed: [],
};

export function allowedNextStates(state: WorkshopState): WorkshopState[] {
  return nextStates[state];
}

export function mayChangeState(from: WorkshopState, to: WorkshopState): boolean {
  return nextStates[from].includes(to);
}

/** Settings and the ballot are fixed once voting has started. */
export function maySetUp(state: WorkshopState): boolean {
  return state === 'draft' || state === 'open';
}

/** Why a visitor cannot join now (an i18n key), or undefined when they may. */
export function joinRefusal(state: WorkshopState): string | undefined {
  if (state === 'draft') return 'workshops:join.notStarted';
  if (state === 'closed') return 'workshops:join.ended';
  return undefined;
}

/** Ideas are pinned while the workshop is open; voting fixes the ballot. */
export function pinRefusal(state: WorkshopState): string | undefined {
  if (state === 'open') return undefined;
  if (state === 'voting') return 'workshops:pin.refused.voting';
  return 'workshops:pin.refused.closed';
}

export interface DotRules {
  dotBudget: number;
  maxDotsPerIdea: number;
}

export interface DotsHeld {
  /** Dots this participant has put on any idea of the workshop. */
  spent: number;
  /** Dots this participant has put on this idea. */
  onIdea: number;
}

/** Why this dot cannot be added or taken back (an i18n key), or undefined when it can. */
export function dotRefusal(state: WorkshopState, rules: DotRules, held: DotsHeld, change: 'add' | 'remove'): string | undefined {
  if (state === 'closed') return 'workshops:dots.refused.closed';
  if (state !== 'voting') return 'workshops:dots.refused.notVoting';
  if (change === 'remove') return undefined;
  if (held.spent >= rules.dotBudget) return 'workshops:dots.refused.budget';
  if (held.onIdea >= rules.maxDotsPerIdea) return 'workshops:dots.refused.perIdea';
  return undefined;
}

/**
 * Why a facilitator cannot remove a participant now (an i18n key), or undefined when they may:
 * in every state, closed included (the frozen results are counted again), until the
 * participants' records have been deleted after the retention period.
 */
export function participantRemovalRefusal(workshop: { participantsDeletedAt: Date | null }): string | undefined {
  return workshop.participantsDeletedAt ? 'workshops:removeParticipant.recordsDeleted' : undefined;
}

/** Results are exported, and ideas handed to moderation, once the workshop is closed. */
export function mayUseResults(state: WorkshopState): boolean {
  return state === 'closed';
}
