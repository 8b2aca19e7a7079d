import { everyone, type Someone } from '../factories/roles';
import { mayEnterIdeasForOthers, maySeeResidentContacts } from '../../server/assisted-entry/assisted-entry.policy';
import { mayImportIdeas } from '../../server/imports/imports.policy';

const roleOf = (someone: Someone) => (someone === 'visitor' ? undefined : someone);

// role × action: who enters ideas for others, who imports files of them from events, and who reads the resident's contact.
const table: Record<Someone, { enter: boolean; import: boolean; contacts: boolean }> = {
  visitor: { enter: false, import: false, contacts: false },
  resident: { enter: false, import: false, contacts: false },
  volunteer: { enter: true, import: false, contacts: false },
  facilitator: { enter: true, import: true, contacts: false },
  planner: { enter: false, import: false, contacts: false },
  moderator: { enter: true, import: true, contacts: true },
  admin: { enter: true, import: true, contacts: true },
};

describe('assisted entry policy', () => {
  it.each(everyone.map((someone) => [someone, table[someone]] as const))('%s', (someone, expected) => {
    expect({ enter: mayEnterIdeasForOthers(roleOf(someone)), import: mayImportIdeas(roleOf(someone)), contacts: maySeeResidentContacts(roleOf(someone)) }).toEqual(expected);
  });
});
