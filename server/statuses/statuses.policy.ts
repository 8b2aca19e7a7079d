import type { IdeaStatus } from '../ideas/ideas.schema';

/** new → under_review → accepted / rejected; accepted → in_progress → implemented. */
const nextStatuses: Record<IdeaStatus, IdeaStatus[]> = {
  new: ['under_review'],
  under_review: ['accepted', 'rejected'],
  accepted: ['in_progress'],
  rejected: [],
  in_progress: ['implemented'],
  implemented: [],
};

export function allowedNextStatuses(current: IdeaStatus): IdeaStatus[] {
  return nextStatuses[current];
}

export function mayChangeStatus(from: IdeaStatus, to: IdeaStatus): boolean {
  return nextStatuses[from].includes(to);
}
