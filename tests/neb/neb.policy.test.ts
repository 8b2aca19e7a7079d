import { roles, type Role } from '../../server/auth/roles';
import { lowerMedian, nebProfileOf } from '../../server/neb/neb.elements';
import { mayAssessIdeas, mayPublishAssessments } from '../../server/neb/neb.policy';

/** Who may do what with NEB assessments, as a table of role × action (a visitor is nobody). */
const table: Record<string, [action: (person: { id: number; role: Role } | undefined) => boolean, allowed: readonly Role[]]> = {
  assess: [mayAssessIdeas, ['planner', 'moderator', 'admin']],
  publish: [mayPublishAssessments, ['planner', 'moderator', 'admin']],
};

describe.each(Object.entries(table))('%s', (_action, [may, allowed]) => {
  it.each(roles.map((role) => [role, allowed.includes(role)] as const))('%s → %s', (role, expected) => {
    expect(may({ id: 1, role })).toBe(expected);
  });
  it('visitor → false', () => {
    expect(may(undefined)).toBe(false);
  });
});

describe('the median level', () => {
  it.each([
    [[2], 2],
    [[1, 3], 1],
    [[3, 0, 2], 2],
    [[3, 3, 0, 0], 0],
    [[0, 1, 2, 3], 1],
  ])('of %j is %d (the lower one when the count is even)', (values, median) => {
    expect(lowerMedian(values)).toBe(median);
  });

  it('is nothing without assessments', () => {
    expect(nebProfileOf([])).toBeUndefined();
  });
});
