import type { Knex } from 'knex';
import { AppError, notFound } from '../http/errors';
import { adjustIdeaCounter } from '../ideas/ideas.queries';
import { supportRefusal, withdrawalRefusal } from './supports.policy';
import {
  deleteSupport,
  hasSupported,
  insertSupport,
  lockSupporterAndIdea,
  supportsUsedInConsultation,
  type SupportTarget,
} from './supports.queries';

const changeSupportCount = async (trx: Knex, ideaId: number, delta: 1 | -1): Promise<number> =>
  (await adjustIdeaCounter(trx, 'support_count', [ideaId], delta)).get(ideaId)!;

export interface SupportState {
  supported: boolean;
  supportCount: number;
  /** Supports this person has left in the consultation, when it sets a budget. */
  remaining: number | null;
}

export class SupportRefusedError extends AppError {
  constructor(messageKey: string) {
    super(409, 'support_refused', messageKey);
  }
}

const remainingOf = (target: SupportTarget, used: number) => (target.supportBudget === null ? null : Math.max(0, target.supportBudget - used));

/** One support per person per idea; the count changes in the same transaction, under the idea's row lock. */
export async function supportIdea(db: Knex, userId: number, ideaId: number): Promise<SupportState> {
  return db.transaction(async (trx) => {
    const target = await lockSupporterAndIdea(trx, userId, ideaId);
    if (!target) throw notFound();
    const used = await supportsUsedInConsultation(trx, userId, target.consultationId);
    if (await hasSupported(trx, userId, ideaId)) {
      return { supported: true, supportCount: target.supportCount, remaining: remainingOf(target, used) };
    }
    const refusal = supportRefusal(userId, target, used);
    if (refusal) throw new SupportRefusedError(refusal);
    const added = await insertSupport(trx, userId, ideaId);
    const supportCount = added ? await changeSupportCount(trx, ideaId, 1) : target.supportCount;
    return { supported: true, supportCount, remaining: remainingOf(target, used + (added ? 1 : 0)) };
  });
}

export async function withdrawSupport(db: Knex, userId: number, ideaId: number): Promise<SupportState> {
  return db.transaction(async (trx) => {
    const target = await lockSupporterAndIdea(trx, userId, ideaId);
    if (!target) throw notFound();
    const refusal = withdrawalRefusal(target);
    if (refusal) throw new SupportRefusedError(refusal);
    const removed = await deleteSupport(trx, userId, ideaId);
    const supportCount = removed ? await changeSupportCount(trx, ideaId, -1) : target.supportCount;
    const used = await supportsUsedInConsultation(trx, userId, target.consultationId);
    return { supported: false, supportCount, remaining: remainingOf(target, used) };
  });
}

export interface SupportPanel extends SupportState {
  /** Why the button is not offered, if it is not. */
  refusal?: string;
}

/** What the idea page shows a logged-in person about supporting this idea, from the idea and what they have done. */
export function supportPanelOf(userId: number, target: SupportTarget, personal: { supported: boolean; usedInConsultation: number }): SupportPanel {
  const { supported, usedInConsultation: used } = personal;
  const refusal = supported ? withdrawalRefusal(target) : supportRefusal(userId, target, used);
  return { supported, supportCount: target.supportCount, remaining: remainingOf(target, used), refusal };
}
