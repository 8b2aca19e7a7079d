import type { Knex } from 'knex';

export type Migration = { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> };

/**
 * Every migration by its file name, in the order they run; a new migration adds its name at
 * the end (tests/migrations checks that this list and the folder agree). Written out rather
 * than read from the folder because dist/migrations keeps the compiled files of migrations
 * that no longer exist: tsc never deletes them.
 */
export const migrationNames = [
  '20261204090000_create_users',
  '20261204090100_create_sessions',
  '20261204090200_create_rate_limits',
  '20261204090300_create_consultations',
  '20261204090400_create_categories',
  '20261204090500_create_places',
  '20261204090600_create_workshops',
  '20261204090700_create_workshop_participants',
  '20261204090800_create_ideas',
  '20261204090900_create_idea_photos',
  '20261204091000_create_idea_translations',
  '20261204091100_create_idea_status_changes',
  '20261204091200_create_supports',
  '20261204091300_create_comments',
  '20261204091400_create_reports',
  '20261204091500_create_follows',
  '20261204091600_create_comment_digests',
  '20261204091700_create_jobs',
  '20261204091800_create_audit_log',
  '20261204091900_create_workshop_ballot_ideas',
  '20261204092000_create_workshop_dots',
  '20261204092100_create_workshop_results',
  '20261204092200_create_account_tokens',
  '20261204092300_create_recovery_codes',
  '20261204092400_create_statements',
  '20261205090000_create_public_change_triggers',
  '20261206120000_create_idea_revisions',
  '20261206140000_create_workshop_streams',
  '20261206150000_create_login_delays',
  '20261206150100_create_known_login_addresses',
  '20261206150200_add_users_totp_key_id',
  '20261207100000_create_photo_files',
  '20261207100100_add_idea_photos_key_indexes',
  '20261207120000_add_sessions_user_id',
  '20261207120100_create_session_with_user',
  '20261207130000_add_planner_role',
  '20261207130100_create_neb_assessments',
  '20261207130200_create_neb_assessment_triggers',
  '20261207140000_create_idea_milestones',
  '20261207150000_allow_about_statement',
  '20261208100000_alter_category_icons_to_lucide',
  '20261208130000_create_paper_form_grids',
  '20261208140000_add_volunteer_role',
  '20261208140100_add_ideas_channel',
  '20261208140200_create_assisted_contacts',
  '20261209100000_create_idea_imports',
  '20261209100100_create_imported_ideas',
  '20261209200000_create_idea_map_pins',
  '20261210100000_create_person_change_triggers',
] as const;

export const migrations: Record<string, Migration> = Object.fromEntries(
  // Loaded by name so that each migration is named once; require finds ./x.ts under jest and ./x.js in dist.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  migrationNames.map((name) => [name, require(`./${name}`) as Migration]),
);
