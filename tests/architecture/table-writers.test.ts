import { projectRoot } from '../../server/paths';
import { tableWritesUnder, type TableWrite } from './table-writes';

/**
 * One owner per table: only the owner's module inserts, updates, deletes or locks rows of
 * a table; another feature that needs such a change calls a function of that module, inside
 * its own transaction. Reading another feature's table is not covered here.
 */
const owners: Record<string, string> = {
  ideas: 'server/ideas/ideas.queries.ts',
  idea_photos: 'server/ideas/ideas.queries.ts',
  idea_revisions: 'server/ideas/idea-revisions.queries.ts',
  idea_status_changes: 'server/statuses/statuses.queries.ts',
  idea_milestones: 'server/milestones/milestones.queries.ts',
  idea_milestone_photos: 'server/milestones/milestones.queries.ts',
  idea_result_photos: 'server/milestones/milestones.queries.ts',
  idea_translations: 'server/translations/translations.queries.ts',
  comments: 'server/comments/comments.queries.ts',
  comment_digests: 'server/notifications/notifications.queries.ts',
  supports: 'server/supports/supports.queries.ts',
  follows: 'server/follows/follows.queries.ts',
  reports: 'server/reports/reports.queries.ts',
  statements: 'server/statements/statements.queries.ts',
  categories: 'server/categories/categories.queries.ts',
  consultations: 'server/consultations/consultations.queries.ts',
  places: 'server/seed/demo-seed.ts',
  users: 'server/auth/auth.queries.ts',
  sessions: 'server/auth/sessions.queries.ts',
  account_tokens: 'server/verification/verification.queries.ts',
  recovery_codes: 'server/two-factor/two-factor.queries.ts',
  audit_log: 'server/audit/audit.queries.ts',
  jobs: 'server/jobs/jobs.queries.ts',
  knex_migrations: 'server/db/squashed-migrations.ts',
  rate_limits: 'server/http/rate-limit-store.ts',
  login_delays: 'server/http/login-attempts.queries.ts',
  known_login_addresses: 'server/http/login-attempts.queries.ts',
  workshops: 'server/workshops/workshops.queries.ts',
  workshop_participants: 'server/workshops/workshops.queries.ts',
  workshop_dots: 'server/workshops/workshops.queries.ts',
  workshop_ballot_ideas: 'server/workshops/workshops.queries.ts',
  workshop_results: 'server/workshops/workshops.queries.ts',
  workshop_streams: 'server/workshops/streams.queries.ts',
  photo_files: 'server/uploads/photo-files.queries.ts',
  neb_assessments: 'server/neb/neb.queries.ts',
  paper_form_grids: 'server/paper-forms/paper-forms.queries.ts',
  assisted_contacts: 'server/assisted-entry/assisted-entry.queries.ts',
  idea_imports: 'server/imports/imports.queries.ts',
  imported_ideas: 'server/imports/imports.queries.ts',
};

/** Writes outside the owner, each with why it may stay so. Keep this list short. */
const allowed: { file: string; tables: string[]; reason: string }[] = [
  {
    file: 'server/seed/demo-seed.ts',
    tables: ['categories', 'consultations', 'users', 'ideas'],
    reason: 'reference and demo data, written in bulk in one transaction before the site serves anyone',
  },
];

const isAllowed = (write: TableWrite) => write.file === owners[write.table] || allowed.some((entry) => entry.file === write.file && entry.tables.includes(write.table));
const describeWrite = (write: TableWrite) => `${write.file}:${write.line} ${write.how} ${write.table} (owner: ${owners[write.table] ?? 'none'})`;

describe('table writers', () => {
  const writes = tableWritesUnder(projectRoot, 'server');

  it('finds the writes it is meant to find', () => {
    // A guard on the scanner itself: if these disappear, it has stopped seeing knex chains or raw SQL.
    const seen = (table: string, how: string) => writes.some((write) => write.table === table && write.how === how);
    expect([seen('ideas', 'forUpdate'), seen('ideas', 'update'), seen('ideas', 'update … set'), seen('workshop_dots', 'insert into'), seen('supports', 'insert')]).toEqual([true, true, true, true, true]);
  });

  it('every written table has an owner', () => {
    expect([...new Set(writes.map((write) => write.table))].filter((table) => !owners[table]).sort()).toEqual([]);
  });

  it('a table is written and locked only by its owner', () => {
    const outside = writes.filter((write) => !isAllowed(write)).map(describeWrite);
    expect(outside).toEqual([]);
  });

  it('the allow-list holds no stale entries', () => {
    const stale = allowed.flatMap((entry) => entry.tables.filter((table) => !writes.some((write) => write.file === entry.file && write.table === table)).map((table) => `${entry.file} ${table}`));
    expect(stale).toEqual([]);
  });
});
