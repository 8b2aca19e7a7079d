import { everyone, type Someone } from '../factories/roles';
import { mayEnterIdeasForOthers, maySeeResidentContacts } from '../../server/assisted-entry/assisted-entry.policy';

const roleOf = (someone: Someone) => (someone === 'visitor' ? undefined : someone);

// role × action: who enters ideas for others, and who reads the resident's contact.
const table: Record<Someone, { enter: boolean; contacts: boolean }> = {
  visitor: { enter: false, contacts: false },
  resident: { enter: false, contacts: false },
  volunteer: { enter: true, contacts: false },
  facilitator: { enter: true, contacts: false },
  planner: { enter: false, contacts: false },
  moderator: { enter: true, contacts: true },
  admin: { enter: true, contacts: true },
};

describe('assisted entry policy', () => {
  it.each(everyone.map((someone) => [someone, table[someone]] as const))('%s', (someone, expected) => {
    expect({ enter: mayEnterIdeasForOthers(roleOf(someone)), contacts: maySeeResidentContacts(roleOf(someone)) }).toEqual(expected);
  });
});
