import type { SupportTarget } from './supports.queries';

/** Why this person may not support this idea now (an i18n key), or undefined when they may. */
export function supportRefusal(personId: number, target: SupportTarget, usedInConsultation: number): string | undefined {
  if (target.visibility !== 'published') return 'supports:refused.notPublished';
  if (target.authorId === personId) return 'supports:refused.ownIdea';
  if (!target.supportPhases.includes(target.phase)) return 'supports:refused.phase';
  if (target.supportBudget !== null && usedInConsultation >= target.supportBudget) return 'supports:refused.budget';
  return undefined;
}

/** Taking a support back is allowed while supports are open, so people can change their mind. */
export function withdrawalRefusal(target: SupportTarget): string | undefined {
  if (!target.supportPhases.includes(target.phase)) return 'supports:refused.phase';
  return undefined;
}
